"""Text layer: normalisation with an offset map, segmentation, quantities and periods."""
