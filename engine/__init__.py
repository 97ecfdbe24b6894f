"""The numpy core of Digit Lens: network, activations, data, preprocessing.

Nothing in this package imports Qt; the window and the command line are thin
layers on top of it.
"""
