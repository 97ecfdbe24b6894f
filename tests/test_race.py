"""The activation race: same network and data, one curve per activation."""

from dataclasses import replace

import pytest

from engine.activations import ACTIVATIONS
from ui.race_view import RaceView

TIMEOUT = 60_000


@pytest.fixture
def race(qtbot, small_mnist):
    view = RaceView(None, lambda: small_mnist, train_count=320)
    qtbot.addWidget(view)
    view.depth.setValue(3)
    view.width.setValue(16)
    view.epochs.setValue(1)
    yield view
    view.shutdown()
    assert view.thread is None


def test_racers_differ_only_in_activation(race):
    for box in race.racers.values():
        box.setChecked(True)
    configs = race.configs()
    assert [c.activation for c in configs] == list(ACTIVATIONS)
    first = configs[0]
    for config in configs[1:]:
        assert replace(config, activation=first.activation) == first
    assert first.hidden == (16, 16, 16)
    assert (first.optimizer, first.learning_rate) == ("sgd", 0.05)
    race.optimizer.setCurrentIndex(1)
    assert {c.optimizer for c in race.configs()} == {"adam"}


@pytest.mark.parametrize("rival", [n for n in ACTIVATIONS if n != "sigmoid"])
def test_race_draws_a_curve_per_activation(qtbot, race, rival):
    for name, box in race.racers.items():
        box.setChecked(name in ("sigmoid", rival))
    race.start_button.click()
    qtbot.waitUntil(lambda: race.start_button.isEnabled(), timeout=TIMEOUT)

    assert race.status.text().startswith("Test accuracy on 1,000 images")
    batches = 320 // 64
    assert [c.count for c in race.plots.loss_curves] == [batches, batches]
    assert [c.count for c in race.plots.acc_curves] == [1, 1]
    for item in race.plots.grad_items:
        x, y = item.getOriginalDataset()
        assert list(x) == [1, 2, 3, 4]
        assert (y > 0).all()


def test_race_needs_two_activations(race):
    for name, box in race.racers.items():
        box.setChecked(name == "relu")
    race.start_button.click()
    assert race.worker is None
    assert "at least two" in race.status.text()
