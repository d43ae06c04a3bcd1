"""Single source of the package version and of the model format it reads."""

__title__ = "sdgmap"
__version__ = "0.2.0"
# Bumped when the bundled model's file layout changes; models state the range they need.
__model_format__ = 2
