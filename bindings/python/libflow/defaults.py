"""The defaults every interface of libflow shares (docs/defaults.md).

flowtool, the C examples, this package and the R package choose the same
thing when the caller does not say:

* product grouping: long CSVs keep every product code apart (a file of
  crude oil in Mt and gas in bcm gives one matrix per product, never a sum of
  both), BACI and Comtrade files are grouped by HS chapter (2 digits);
  analyses of "all products" sum the groups of one unit and fail naming the
  units when they differ;
* negative values: rejected in long flow CSVs (a flow is not negative),
  accepted in wide tables (input-output tables hold negative inventory
  changes and net taxes);
* network for centrality: the dependence network (edge i -> j weighted by
  the share of i's imports that come from j);
* year: the latest year the layer holds;
* economy axis: the economies present in the data (ISO 3166-1 codes are
  still recognised, with their aliases); the full ISO axis on request.
"""

#: Product digits that keep every product code apart (longer than any code).
PRODUCT_DIGITS_APART = 1000
#: Product digits of the HS-based presets: HS chapters.
PRODUCT_DIGITS_HS = 2
#: Presets whose product codes are HS codes.
HS_PRESETS = ("baci", "comtrade")
#: Centrality network.
NETWORK = "dependence"
#: Negative values in long flow CSVs / in wide tables.
ALLOW_NEGATIVE_LONG = False
ALLOW_NEGATIVE_WIDE = True


def product_digits(preset):
    """Product digits for a preset name (None: generic)."""
    return PRODUCT_DIGITS_HS if preset in HS_PRESETS else PRODUCT_DIGITS_APART
