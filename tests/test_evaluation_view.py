"""The evaluation view: confusion counts, per-digit accuracy, mistake gallery."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.mnist import load_mnist
from engine.network import Network
from engine.training import TrainingConfig, train
from ui.evaluation_view import GALLERY_SIZE, EvaluationView


@pytest.fixture(scope="module")
def test_set(mnist_dir):
    """Return 1,000 training images, and 1,000 test images with labels."""
    data = load_mnist(mnist_dir)
    return (
        data.train_images[:1000], data.train_labels[:1000],
        data.test_images[:1000], data.test_labels[:1000],
    )  # fmt: skip


@pytest.fixture(scope="module")
def network(test_set) -> Network:
    """Return a small network trained briefly, so it makes some mistakes."""
    config = TrainingConfig(hidden=(16,), epochs=1, batch_size=50, augment=False)
    network = config.create_network()
    for _ in train(network, test_set[0], test_set[1], config):
        pass
    return network


@pytest.fixture
def view(qtbot, network, test_set):
    view = EvaluationView.for_network(network, test_set[2], test_set[3])
    qtbot.addWidget(view)
    return view


def test_table_shows_the_confusion_counts(view):
    confusion = view.evaluation.confusion
    assert confusion.sum() == 1000
    for true, guess in [(0, 0), (4, 9), (7, 1), (3, 5)]:
        text = view.table.item(true, guess).text()
        assert int(text or 0) == confusion[true, guess]
    assert f"{view.evaluation.correct:,} of 1,000" in view.summary.text()


def test_per_digit_accuracy_is_the_diagonal_over_the_row(view):
    labels, predictions = view.labels, view.evaluation.predictions
    for digit in range(10):
        mine = labels == digit
        expected = (predictions[mine] == digit).mean()
        assert view.accuracy_per_digit()[digit] == pytest.approx(expected)


def test_gallery_starts_with_the_most_confident_mistakes(view):
    e = view.evaluation
    shown = view.shown
    assert 0 < len(shown) <= GALLERY_SIZE
    assert (e.predictions[shown] != view.labels[shown]).all()
    confidences = e.confidences[shown]
    assert (np.diff(confidences) <= 0).all()
    wrong = e.predictions != view.labels
    assert confidences[0] == e.confidences[wrong].max()
    assert len(view.gallery.tiles) == len(shown)


def test_clicking_a_cell_shows_its_images(qtbot, view):
    confusion = view.evaluation.confusion.copy()
    np.fill_diagonal(confusion, 0)
    true, guess = np.unravel_index(confusion.argmax(), confusion.shape)
    rect = view.table.visualItemRect(view.table.item(true, guess))
    qtbot.mouseClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    assert len(view.shown) == min(confusion[true, guess], GALLERY_SIZE)
    assert (view.labels[view.shown] == true).all()
    assert (view.evaluation.predictions[view.shown] == guess).all()
    assert view.gallery.title.text().startswith(f"Written {true}, guessed {guess}")


def test_menu_action_evaluates_the_window_model_on_all_test_images(
    qtbot, network, mnist_dir, monkeypatch
):
    from PySide6.QtWidgets import QMainWindow

    from ui.lab_actions import LabActions

    monkeypatch.setenv("DIGIT_LENS_DATA", str(mnist_dir))
    window = QMainWindow()
    qtbot.addWidget(window)
    window.network = network
    lab = LabActions(window)
    lab.evaluate.trigger()
    qtbot.waitUntil(lambda: "evaluation" in lab.dialogs, timeout=60_000)
    view = lab.dialogs["evaluation"]
    assert view.evaluation.total == 10_000
    assert view.evaluation.confusion.sum() == 10_000
    qtbot.waitUntil(lambda: lab.thread is None, timeout=60_000)
