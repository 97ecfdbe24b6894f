"""Turn the pixels of a picture of a digit into ink: 1 on the pen, 0 off it.

Photos and scans come both ways round (dark ink on a light page, or light
ink on a dark page, as in MNIST) and sometimes with a transparent page.
"""

import numpy as np

# ITU-R BT.601 luma weights, the usual grey of an RGB picture.
LUMA = np.array([0.299, 0.587, 0.114], np.float32)
# Below this difference from the page, a picture counts as blank: stretching
# faint noise or JPEG artefacts to full ink would invent a digit.
MIN_CONTRAST = 0.1


def ink_from_rgba(rgba: np.ndarray) -> np.ndarray:
    """Return ink (h, w) in 0..1 from an RGBA picture (h, w, 4) in 0..1.

    The border is taken as the page; the centre, darker or lighter than the
    page, says which way round the ink goes.
    """
    grey = _on_a_page(rgba[..., :3] @ LUMA, rgba[..., 3])
    h, w = grey.shape
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    page = float(np.median(border))
    centre = grey[h // 4 : h - h // 4, w // 4 : w - w // 4]
    ink = page - grey if centre.mean() < page else grey - page

    peak = float(ink.max())
    if peak < MIN_CONTRAST:
        return np.zeros_like(grey)
    return np.clip(ink / peak, 0, 1).astype(np.float32)


def _on_a_page(grey: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    # Lay a transparent picture on a page of the opposite shade to its ink,
    # so black strokes on nothing read like black strokes on white.
    if alpha.min() >= 1:
        return grey
    ink_shade = float((grey * alpha).sum() / max(float(alpha.sum()), 1e-6))
    page = 1.0 if ink_shade < 0.5 else 0.0
    return grey * alpha + page * (1 - alpha)
