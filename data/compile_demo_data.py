#!/usr/bin/python3
"""Compile libflow's bundled demo dataset (the CSV files next to this script).

Every figure below is an approximation, rounded on purpose; data/README.md
says which public source family each group of figures comes from. This script
is the record of how the files were put together: the bilateral totals, the
product splits, the energy figures and the stylised input-output table are
written out here once and turned into CSV files, so that a correction is made
in one place and the files regenerate identically.

Usage: /usr/bin/python3 data/compile_demo_data.py [OUTPUT_DIR]
(OUTPUT_DIR defaults to the directory holding this script.)
"""
import csv
import math
import pathlib
import sys

# ---------------------------------------------------------------------------
# Economies: code, name, GDP 2022 and 2023 (USD bn, current prices), population
# 2023 (million), banking-system capital end-2022 (USD bn), group memberships.
# ---------------------------------------------------------------------------
ECONOMIES = [
    ("CHN", "China", 17900, 17800, 1410, 3300, "CRINK;BRICS"),
    ("RUS", "Russian Federation", 2270, 2020, 144, 190, "CRINK;BRICS;EAEU"),
    ("IRN", "Iran", 350, 400, 89, 15, "CRINK"),
    ("PRK", "North Korea", 28, 31, 26, 1, "CRINK"),
    ("HKG", "Hong Kong, China", 360, 382, 7.5, 300, "intermediary"),
    ("USA", "United States", 25740, 27360, 335, 2200, "G7;OECD;coalition"),
    ("DEU", "Germany", 4080, 4460, 84.5, 650, "EU;G7;OECD;coalition"),
    ("FRA", "France", 2780, 3030, 68.2, 550, "EU;G7;OECD;coalition"),
    ("ITA", "Italy", 2050, 2250, 59.0, 240, "EU;G7;OECD;coalition"),
    ("NLD", "Netherlands", 1010, 1120, 17.9, 170, "EU;OECD;coalition"),
    ("POL", "Poland", 690, 810, 36.7, 50, "EU;OECD;coalition"),
    ("GBR", "United Kingdom", 3090, 3340, 68.3, 420, "G7;OECD;coalition"),
    ("JPN", "Japan", 4260, 4210, 124.5, 700, "G7;OECD;coalition"),
    ("KOR", "Korea, Republic of", 1670, 1710, 51.7, 230, "OECD;coalition"),
    ("IND", "India", 3350, 3570, 1428, 250, "BRICS"),
    ("TUR", "Türkiye", 910, 1110, 85.3, 70, "OECD;intermediary"),
    ("ARE", "United Arab Emirates", 510, 505, 9.5, 110, "intermediary"),
    ("KAZ", "Kazakhstan", 225, 262, 19.9, 12, "EAEU;intermediary"),
    ("KGZ", "Kyrgyzstan", 12, 14, 7.1, 0.6, "EAEU;intermediary"),
    ("UZB", "Uzbekistan", 80, 90, 36.4, 8, "intermediary"),
    ("ARM", "Armenia", 19.5, 24.2, 3.0, 1.6, "EAEU;intermediary"),
    ("BLR", "Belarus", 73, 72, 9.2, 5, "EAEU"),
    ("SAU", "Saudi Arabia", 1110, 1070, 33.3, 110, "OPEC"),
    ("BRA", "Brazil", 1920, 2170, 211, 230, "BRICS"),
    ("AUT", "Austria", 471, 516, 9.1, 90, "EU;OECD;coalition"),
]

# The world (IMF WEO April 2024 GDP; UN World Population Prospects 2022
# population; bank capital: a rough estimate of the banking systems outside
# the set). The rest of the world (ROW) is the world less the economies above.
WORLD = {"gdp_usd_bn_2022": 100600, "gdp_usd_bn_2023": 104800, "population_m_2023": 8045,
         "bank_capital_usd_bn_2022": 13500}


def rest_of_world():
    """The ROW row of economies.csv: the world less the economies of the set."""
    columns = ("gdp_usd_bn_2022", "gdp_usd_bn_2023", "population_m_2023",
               "bank_capital_usd_bn_2022")
    values = [round(WORLD[c] - sum(e[2 + k] for e in ECONOMIES), 1)
              for k, c in enumerate(columns)]
    if min(values) <= 0:
        raise ValueError("the economies of the set exceed the world")
    return ("ROW", "Rest of the world", *values, "residual")

EU_MEMBERS = ["DEU", "FRA", "ITA", "NLD", "POL", "AUT"]

# ---------------------------------------------------------------------------
# Goods trade: exporter -> importer, (2021, 2023), USD bn, rounded.
# ---------------------------------------------------------------------------
TRADE = {
    # China's exports (China customs, GACC), except CHN -> USA: US Census
    # Bureau imports from China (the importer's report, as for the other
    # flows into the United States; China reports 577 and 500)
    ("CHN", "USA"): (506, 427), ("CHN", "HKG"): (350, 276), ("CHN", "JPN"): (166, 157),
    ("CHN", "KOR"): (149, 149), ("CHN", "DEU"): (115, 100), ("CHN", "NLD"): (102, 101),
    ("CHN", "IND"): (97, 118), ("CHN", "RUS"): (67.6, 111.0), ("CHN", "GBR"): (87, 79),
    ("CHN", "FRA"): (46, 42), ("CHN", "ITA"): (44, 45), ("CHN", "POL"): (32, 36),
    ("CHN", "TUR"): (29, 37), ("CHN", "ARE"): (44, 56), ("CHN", "SAU"): (30, 43),
    ("CHN", "BRA"): (54, 59), ("CHN", "KAZ"): (14.0, 24.7), ("CHN", "KGZ"): (7.5, 19.8),
    ("CHN", "UZB"): (5.8, 11.2), ("CHN", "ARM"): (0.6, 1.1), ("CHN", "BLR"): (3.3, 6.3),
    ("CHN", "IRN"): (8.3, 10.0), ("CHN", "PRK"): (0.26, 2.0),
    # China's imports (China customs, by country of origin)
    ("USA", "CHN"): (179, 164), ("HKG", "CHN"): (9.5, 12.5), ("JPN", "CHN"): (206, 160),
    ("KOR", "CHN"): (213, 163), ("DEU", "CHN"): (120, 107), ("NLD", "CHN"): (14, 17),
    ("IND", "CHN"): (28, 18), ("RUS", "CHN"): (79.3, 129.1), ("GBR", "CHN"): (25, 21),
    ("FRA", "CHN"): (40, 37), ("ITA", "CHN"): (30, 26), ("POL", "CHN"): (4.2, 4.5),
    ("TUR", "CHN"): (3.9, 3.3), ("ARE", "CHN"): (28.6, 39), ("SAU", "CHN"): (57, 65),
    ("BRA", "CHN"): (110, 122), ("KAZ", "CHN"): (11.3, 16.3), ("KGZ", "CHN"): (0.05, 0.08),
    ("UZB", "CHN"): (2.2, 2.6), ("ARM", "CHN"): (0.5, 0.4), ("BLR", "CHN"): (1.9, 2.1),
    ("IRN", "CHN"): (6.5, 4.6), ("PRK", "CHN"): (0.057, 0.29),
    # Russia's exports (partner-reported mirror figures: Russia stopped
    # publishing trade by partner in 2022)
    ("RUS", "DEU"): (39.0, 4.0), ("RUS", "NLD"): (32.5, 3.8), ("RUS", "ITA"): (16.5, 2.8),
    ("RUS", "FRA"): (11.5, 4.0), ("RUS", "POL"): (13.7, 1.8), ("RUS", "GBR"): (13.0, 0.7),
    ("RUS", "USA"): (29.7, 4.6), ("RUS", "JPN"): (14.1, 7.6), ("RUS", "KOR"): (17.3, 8.6),
    ("RUS", "IND"): (8.7, 61.0), ("RUS", "TUR"): (29.0, 45.6), ("RUS", "ARE"): (5.0, 9.8),
    ("RUS", "KAZ"): (15.5, 17.5), ("RUS", "KGZ"): (2.0, 3.0), ("RUS", "UZB"): (5.4, 7.0),
    ("RUS", "ARM"): (2.0, 3.9), ("RUS", "BLR"): (22.6, 25.0), ("RUS", "SAU"): (0.9, 2.5),
    ("RUS", "BRA"): (5.7, 10.0), ("RUS", "IRN"): (2.9, 3.0), ("RUS", "PRK"): (0.04, 0.03),
    ("RUS", "HKG"): (0.6, 0.5),
    # Russia's imports (partner-reported exports to Russia)
    ("DEU", "RUS"): (31.4, 9.6), ("NLD", "RUS"): (8.9, 2.7), ("ITA", "RUS"): (9.1, 4.8),
    ("FRA", "RUS"): (7.8, 2.2), ("POL", "RUS"): (9.7, 2.2), ("GBR", "RUS"): (5.5, 0.6),
    ("USA", "RUS"): (6.4, 0.6), ("JPN", "RUS"): (7.8, 2.6), ("KOR", "RUS"): (10.0, 6.2),
    ("IND", "RUS"): (3.3, 4.0), ("TUR", "RUS"): (5.8, 10.9), ("ARE", "RUS"): (0.5, 1.6),
    ("KAZ", "RUS"): (6.3, 8.8), ("KGZ", "RUS"): (0.39, 1.05), ("UZB", "RUS"): (1.3, 1.9),
    ("ARM", "RUS"): (0.85, 3.4), ("BLR", "RUS"): (15.8, 24.0), ("SAU", "RUS"): (0.2, 0.3),
    ("BRA", "RUS"): (1.6, 1.4), ("IRN", "RUS"): (1.0, 0.9), ("PRK", "RUS"): (0.0001, 0.0001),
    ("HKG", "RUS"): (1.0, 2.2),
    # United States (US Census Bureau)
    ("USA", "JPN"): (75, 76), ("USA", "KOR"): (66, 65), ("USA", "DEU"): (65, 76),
    ("USA", "GBR"): (61, 74), ("USA", "NLD"): (53, 84), ("USA", "FRA"): (30, 40),
    ("USA", "ITA"): (18, 26), ("USA", "POL"): (6.5, 11), ("USA", "IND"): (40, 40),
    ("USA", "TUR"): (15, 15), ("USA", "ARE"): (17, 25), ("USA", "SAU"): (11.5, 19),
    ("USA", "BRA"): (46, 40), ("USA", "HKG"): (35, 27), ("USA", "KAZ"): (1.0, 1.8),
    ("USA", "ARM"): (0.1, 0.3), ("USA", "IRN"): (0.04, 0.06),
    ("JPN", "USA"): (135, 148), ("KOR", "USA"): (95, 116), ("DEU", "USA"): (135, 160),
    ("GBR", "USA"): (57, 64), ("NLD", "USA"): (26, 30), ("FRA", "USA"): (50, 57),
    ("ITA", "USA"): (58, 72), ("POL", "USA"): (9, 11), ("IND", "USA"): (73, 84),
    ("TUR", "USA"): (13, 15), ("ARE", "USA"): (4, 6), ("SAU", "USA"): (13, 16),
    ("BRA", "USA"): (31, 37), ("HKG", "USA"): (5, 5), ("KAZ", "USA"): (2.4, 2.4),
    # EU members (Eurostat Comext, converted from EUR)
    ("DEU", "FRA"): (120, 130), ("DEU", "NLD"): (100, 117), ("DEU", "POL"): (93, 105),
    ("DEU", "ITA"): (72, 84), ("DEU", "GBR"): (77, 86), ("DEU", "JPN"): (24, 24),
    ("DEU", "KOR"): (22, 24), ("DEU", "IND"): (15, 18), ("DEU", "TUR"): (25.7, 33),
    ("DEU", "ARE"): (9.3, 11), ("DEU", "SAU"): (7.5, 9), ("DEU", "BRA"): (12, 13),
    ("DEU", "HKG"): (7.5, 7), ("DEU", "KAZ"): (2.4, 3.4), ("DEU", "KGZ"): (0.07, 0.6),
    ("DEU", "UZB"): (0.9, 1.6), ("DEU", "ARM"): (0.25, 0.6), ("DEU", "BLR"): (1.8, 0.8),
    ("DEU", "IRN"): (1.9, 1.5),
    ("FRA", "DEU"): (73, 80), ("NLD", "DEU"): (124, 103), ("POL", "DEU"): (80, 88),
    ("ITA", "DEU"): (66, 74), ("GBR", "DEU"): (38, 42), ("JPN", "DEU"): (24, 23),
    ("KOR", "DEU"): (14, 17), ("IND", "DEU"): (10, 13), ("TUR", "DEU"): (22, 25),
    ("ARE", "DEU"): (1.5, 1.8), ("SAU", "DEU"): (1.2, 1.0), ("BRA", "DEU"): (6, 6.5),
    ("KAZ", "DEU"): (1.5, 2.5),
    ("FRA", "ITA"): (47, 55), ("FRA", "NLD"): (25, 30), ("FRA", "POL"): (12, 14),
    ("FRA", "GBR"): (33, 38), ("FRA", "JPN"): (8, 8), ("FRA", "KOR"): (5, 6),
    ("FRA", "IND"): (6, 7), ("FRA", "TUR"): (7.5, 9), ("FRA", "ARE"): (4, 5),
    ("FRA", "SAU"): (3, 3.5), ("FRA", "BRA"): (4, 5), ("FRA", "HKG"): (5, 5),
    ("FRA", "KAZ"): (0.8, 1.2), ("FRA", "ARM"): (0.1, 0.2), ("FRA", "UZB"): (0.3, 0.5),
    ("FRA", "IRN"): (0.5, 0.4),
    ("ITA", "FRA"): (43, 50), ("NLD", "FRA"): (44, 48), ("POL", "FRA"): (12, 15),
    ("GBR", "FRA"): (22, 24), ("JPN", "FRA"): (10, 9), ("KOR", "FRA"): (5, 7),
    ("IND", "FRA"): (6, 8), ("TUR", "FRA"): (8, 9), ("ARE", "FRA"): (1.5, 2.5),
    ("SAU", "FRA"): (3.5, 3.5), ("BRA", "FRA"): (4, 4.5), ("KAZ", "FRA"): (3.5, 4.0),
    ("ITA", "NLD"): (9, 11), ("ITA", "POL"): (17, 19.5), ("ITA", "GBR"): (30, 33),
    ("ITA", "JPN"): (7, 7), ("ITA", "KOR"): (5, 6), ("ITA", "IND"): (5, 6),
    ("ITA", "TUR"): (11, 14), ("ITA", "ARE"): (5.5, 7), ("ITA", "SAU"): (5, 6),
    ("ITA", "BRA"): (5, 6), ("ITA", "HKG"): (4.5, 4.5), ("ITA", "KAZ"): (1.0, 1.3),
    ("ITA", "ARM"): (0.2, 0.4), ("ITA", "UZB"): (0.4, 0.5), ("ITA", "KGZ"): (0.05, 0.3),
    ("ITA", "IRN"): (0.6, 0.5),
    ("NLD", "ITA"): (28, 30), ("POL", "ITA"): (12, 15), ("GBR", "ITA"): (12, 14),
    ("JPN", "ITA"): (5, 6), ("KOR", "ITA"): (4.5, 5), ("IND", "ITA"): (7, 9),
    ("TUR", "ITA"): (10, 13), ("ARE", "ITA"): (1.5, 2.0), ("SAU", "ITA"): (4, 6),
    ("BRA", "ITA"): (5, 6), ("KAZ", "ITA"): (10.0, 11.5),
    ("NLD", "POL"): (22, 24), ("NLD", "GBR"): (45, 50), ("NLD", "JPN"): (5, 5),
    ("NLD", "KOR"): (5, 6), ("NLD", "IND"): (5, 6), ("NLD", "TUR"): (6, 7),
    ("NLD", "ARE"): (4, 5), ("NLD", "SAU"): (2.5, 3), ("NLD", "BRA"): (5, 5.5),
    ("NLD", "HKG"): (4, 4), ("NLD", "KAZ"): (0.8, 1.0),
    ("POL", "NLD"): (14, 17), ("GBR", "NLD"): (29, 33), ("JPN", "NLD"): (13, 13),
    ("KOR", "NLD"): (12, 14), ("IND", "NLD"): (8.5, 20), ("TUR", "NLD"): (5, 6),
    ("ARE", "NLD"): (2, 3), ("SAU", "NLD"): (5, 6.5), ("BRA", "NLD"): (12, 13),
    ("KAZ", "NLD"): (4.0, 5.0),
    ("POL", "GBR"): (16, 18), ("POL", "JPN"): (1.0, 1.2), ("POL", "KOR"): (1.0, 1.5),
    ("POL", "IND"): (1.0, 1.2), ("POL", "TUR"): (2.5, 3.5), ("POL", "ARE"): (0.8, 1.2),
    ("POL", "KAZ"): (0.6, 1.0), ("POL", "UZB"): (0.3, 0.5), ("POL", "BLR"): (4.0, 2.3),
    ("GBR", "POL"): (6, 7), ("JPN", "POL"): (3, 3), ("KOR", "POL"): (5, 8),
    ("IND", "POL"): (2, 3), ("TUR", "POL"): (4.5, 6), ("BLR", "POL"): (2.5, 0.6),
    # United Kingdom (HMRC), Japan (MoF), Korea (KITA)
    ("GBR", "JPN"): (8, 9), ("GBR", "KOR"): (6, 6), ("GBR", "IND"): (8, 12),
    ("GBR", "TUR"): (5, 7), ("GBR", "ARE"): (8, 11), ("GBR", "SAU"): (5, 6),
    ("GBR", "BRA"): (3, 3.5), ("GBR", "HKG"): (8, 8), ("GBR", "KAZ"): (0.7, 0.9),
    ("JPN", "GBR"): (11, 12), ("KOR", "GBR"): (5, 8), ("IND", "GBR"): (10, 13),
    ("TUR", "GBR"): (12, 13), ("ARE", "GBR"): (4, 5), ("SAU", "GBR"): (2, 3),
    ("BRA", "GBR"): (3, 4), ("HKG", "GBR"): (5, 4), ("KAZ", "GBR"): (1.0, 1.5),
    ("JPN", "KOR"): (53, 47), ("JPN", "HKG"): (37, 30), ("JPN", "IND"): (14, 15),
    ("JPN", "TUR"): (3, 4), ("JPN", "ARE"): (7, 9), ("JPN", "SAU"): (5, 7),
    ("JPN", "BRA"): (4, 4),
    ("KOR", "JPN"): (29, 28), ("IND", "JPN"): (6, 6), ("ARE", "JPN"): (18, 28),
    ("SAU", "JPN"): (27, 37), ("BRA", "JPN"): (7, 8), ("HKG", "JPN"): (1.0, 0.8),
    ("KOR", "HKG"): (37, 21), ("KOR", "IND"): (16, 18), ("KOR", "TUR"): (7, 8),
    ("KOR", "ARE"): (4, 5), ("KOR", "SAU"): (4, 6), ("KOR", "BRA"): (5, 4),
    ("KOR", "KAZ"): (0.8, 2.5), ("KOR", "KGZ"): (0.15, 2.0), ("KOR", "UZB"): (1.5, 2.2),
    ("IND", "KOR"): (8, 7), ("ARE", "KOR"): (7, 10), ("SAU", "KOR"): (24, 32),
    ("BRA", "KOR"): (5, 5), ("HKG", "KOR"): (2, 1.5), ("KAZ", "KOR"): (0.5, 0.9),
    # India, Türkiye, Gulf, Central Asia, Caucasus (national statistics / UN Comtrade)
    ("IND", "ARE"): (28, 31), ("IND", "TUR"): (8, 6), ("IND", "SAU"): (7.5, 11),
    ("IND", "BRA"): (6, 7), ("IND", "HKG"): (11, 8), ("IND", "IRN"): (1.4, 1.2),
    ("ARE", "IND"): (45, 48), ("SAU", "IND"): (34, 43), ("TUR", "IND"): (1.5, 2.5),
    ("BRA", "IND"): (5, 5), ("HKG", "IND"): (18, 20), ("IRN", "IND"): (0.6, 0.7),
    ("TUR", "ARE"): (4, 7), ("TUR", "SAU"): (0.5, 2.5), ("TUR", "IRN"): (3, 2.8),
    ("TUR", "KAZ"): (1.2, 1.7), ("TUR", "KGZ"): (0.4, 0.7), ("TUR", "UZB"): (1.1, 1.6),
    ("TUR", "BLR"): (0.7, 1.1),
    ("ARE", "TUR"): (4, 12), ("SAU", "TUR"): (3, 4), ("IRN", "TUR"): (3.2, 3.0),
    ("KAZ", "TUR"): (2.2, 2.8), ("UZB", "TUR"): (1.0, 1.5), ("BRA", "TUR"): (3.0, 4.0),
    ("ARE", "SAU"): (12, 14), ("ARE", "IRN"): (12, 16), ("SAU", "ARE"): (9, 11),
    ("IRN", "ARE"): (4, 6), ("HKG", "ARE"): (7, 9),
    ("KAZ", "UZB"): (1.0, 1.5), ("UZB", "KAZ"): (1.0, 1.3), ("KAZ", "KGZ"): (0.7, 1.2),
    ("KGZ", "KAZ"): (0.4, 0.5), ("BLR", "KAZ"): (0.9, 1.0),
    ("ARM", "ARE"): (0.1, 2.2), ("ARM", "HKG"): (0.02, 0.6), ("ARE", "ARM"): (0.1, 0.6), ("IRN", "ARM"): (0.45, 0.6),
    ("ARM", "IRN"): (0.1, 0.1), ("KGZ", "ARE"): (0.1, 0.5),
    # Austria (Statistik Austria; partners' reports for flows into them)
    ("AUT", "DEU"): (58, 64), ("DEU", "AUT"): (72, 80), ("AUT", "ITA"): (12.5, 14),
    ("ITA", "AUT"): (12, 13.5), ("AUT", "USA"): (12, 15.5), ("USA", "AUT"): (6, 7),
    ("AUT", "CHN"): (4.7, 4.3), ("CHN", "AUT"): (11, 11), ("AUT", "RUS"): (2.6, 1.2),
    ("RUS", "AUT"): (2.9, 3.5), ("AUT", "POL"): (5.6, 7), ("POL", "AUT"): (5, 6),
    ("AUT", "FRA"): (7, 7.5), ("FRA", "AUT"): (5, 5.5), ("AUT", "NLD"): (3.5, 4),
    ("NLD", "AUT"): (7, 8), ("AUT", "GBR"): (4, 4.5), ("GBR", "AUT"): (2.5, 3),
}

# Total goods exports and imports of every economy, USD bn (2021 exports,
# 2021 imports, 2023 exports, 2023 imports): WTO Stats / IMF DOTS and the
# national sources named in data/README.md (Russia: Federal Customs Service;
# United States: Census Bureau, general imports; North Korea: KOTRA; Iran:
# official, non-oil heavy; rounded). What the pairs above leave of them is
# trade with the rest of the world (ROW). Kazakhstan's and
# Kyrgyzstan's imports are mirror totals: their partners record more exports
# to them (China: 19.8 bn to Kyrgyzstan in 2023) than they record imports from
# the whole world (Kyrgyzstan: 12.3 bn), the gap being goods in transit to
# Russia and under-declared imports; the partners' figures are kept.
TRADE_TOTALS = {
    "CHN": (3364, 2688, 3380, 2557), "RUS": (494, 304, 425, 285),
    "IRN": (60, 52, 70, 62), "PRK": (0.11, 0.32, 0.31, 2.05),
    "HKG": (670, 713, 574, 653), "USA": (1754, 2933, 2020, 3083),
    "DEU": (1632, 1419, 1688, 1465), "FRA": (585, 714, 648, 786),
    "ITA": (610, 557, 677, 640), "NLD": (836, 757, 935, 838),
    "POL": (338, 342, 381, 378), "GBR": (468, 694, 521, 791),
    "JPN": (756, 769, 717, 786), "KOR": (644, 615, 632, 642),
    "IND": (395, 573, 432, 672), "TUR": (225, 271, 256, 362),
    "ARE": (425, 347, 488, 415), "KAZ": (60.3, 46, 78.7, 66),
    "KGZ": (2.8, 12, 3.3, 30), "UZB": (14.1, 25.5, 24.4, 38.1),
    "ARM": (3.0, 5.4, 8.4, 12.3), "BLR": (39.8, 41.6, 41.0, 43.0),
    "SAU": (286, 152, 322, 208), "BRA": (281, 219, 340, 241),
    "AUT": (196, 213, 216, 225),
}


def trade_with_rest_of_world():
    """{(origin, destination): (2021, 2023)} of the flows to and from ROW, USD bn."""
    flows = {}
    for code, (x21, m21, x23, m23) in TRADE_TOTALS.items():
        exports = [sum(v[k] for (o, _), v in TRADE.items() if o == code) for k in (0, 1)]
        imports = [sum(v[k] for (_, d), v in TRADE.items() if d == code) for k in (0, 1)]
        flows[(code, "ROW")] = tuple(residual(t, s, f"{code} exports")
                                     for t, s in zip((x21, x23), exports))
        flows[("ROW", code)] = tuple(residual(t, s, f"{code} imports")
                                     for t, s in zip((m21, m23), imports))
    return flows

# Product groups (HS 2012 chapters). "99" is used here for "all other chapters"
# (the residual), so that the products of a flow add up to its total.
PRODUCTS = ("27", "84", "85", "87", "99")

# Shares of chapters 27, 84, 85, 87 in an exporter's shipments (2021, 2023);
# the residual goes to "99". Stylised from each exporter's overall composition.
PROFILE = {
    "RUS": ((0.55, 0.02, 0.01, 0.01), (0.58, 0.02, 0.01, 0.01)),
    "CHN": ((0.02, 0.17, 0.27, 0.04), (0.02, 0.16, 0.26, 0.06)),
    "USA": ((0.13, 0.12, 0.10, 0.07), (0.18, 0.11, 0.09, 0.07)),
    "DEU": ((0.02, 0.17, 0.11, 0.16), (0.02, 0.17, 0.11, 0.17)),
    "FRA": ((0.04, 0.11, 0.07, 0.08), (0.05, 0.11, 0.07, 0.08)),
    "ITA": ((0.04, 0.19, 0.06, 0.07), (0.04, 0.19, 0.06, 0.07)),
    "NLD": ((0.15, 0.15, 0.11, 0.04), (0.15, 0.16, 0.11, 0.04)),
    "POL": ((0.02, 0.12, 0.13, 0.10), (0.02, 0.12, 0.13, 0.10)),
    "GBR": ((0.12, 0.13, 0.06, 0.10), (0.12, 0.13, 0.06, 0.10)),
    "JPN": ((0.02, 0.19, 0.17, 0.21), (0.02, 0.19, 0.16, 0.23)),
    "KOR": ((0.07, 0.13, 0.33, 0.12), (0.07, 0.13, 0.28, 0.15)),
    "IND": ((0.14, 0.06, 0.05, 0.05), (0.17, 0.06, 0.07, 0.05)),
    "TUR": ((0.05, 0.09, 0.06, 0.11), (0.05, 0.09, 0.06, 0.11)),
    "ARE": ((0.35, 0.06, 0.12, 0.05), (0.35, 0.06, 0.12, 0.05)),
    "SAU": ((0.75, 0.01, 0.01, 0.01), (0.75, 0.01, 0.01, 0.01)),
    "BRA": ((0.15, 0.03, 0.01, 0.03), (0.15, 0.03, 0.01, 0.03)),
    "HKG": ((0.01, 0.15, 0.62, 0.01), (0.01, 0.15, 0.62, 0.01)),
    "KAZ": ((0.55, 0.01, 0.01, 0.01), (0.55, 0.01, 0.01, 0.01)),
    "KGZ": ((0.02, 0.02, 0.01, 0.01), (0.02, 0.02, 0.01, 0.01)),
    "UZB": ((0.05, 0.01, 0.01, 0.02), (0.05, 0.01, 0.01, 0.02)),
    "ARM": ((0.01, 0.01, 0.01, 0.00), (0.01, 0.01, 0.01, 0.00)),
    "BLR": ((0.20, 0.05, 0.02, 0.05), (0.20, 0.05, 0.02, 0.05)),
    "IRN": ((0.50, 0.01, 0.00, 0.00), (0.50, 0.01, 0.00, 0.00)),
    "PRK": ((0.05, 0.00, 0.00, 0.00), (0.05, 0.00, 0.00, 0.00)),
    "AUT": ((0.03, 0.18, 0.10, 0.08), (0.03, 0.18, 0.10, 0.08)),
    # the rest of the world: world merchandise trade by chapter (UN Comtrade)
    "ROW": ((0.14, 0.13, 0.15, 0.07), (0.15, 0.13, 0.15, 0.08)),
}

# Flows whose composition is known to differ from the exporter's average or
# changed after 2022: energy share of Russia's sales to Asia, Chinese cars and
# machinery to Russia, electronics, machinery and cars re-exported to Russia by
# the intermediaries, European and Korean shipments to Central Asia.
PAIR_PROFILE = {
    ("RUS", "CHN"): ((0.58, 0.01, 0.005, 0.00), (0.74, 0.005, 0.005, 0.00)),
    ("RUS", "IND"): ((0.45, 0.01, 0.00, 0.00), (0.86, 0.00, 0.00, 0.00)),
    ("RUS", "TUR"): ((0.55, 0.01, 0.00, 0.00), (0.65, 0.01, 0.00, 0.00)),
    ("RUS", "DEU"): ((0.70, 0.01, 0.01, 0.00), (0.25, 0.01, 0.01, 0.00)),
    ("RUS", "NLD"): ((0.75, 0.00, 0.00, 0.00), (0.50, 0.00, 0.00, 0.00)),
    ("CHN", "RUS"): ((0.005, 0.20, 0.17, 0.07), (0.005, 0.22, 0.16, 0.21)),
    ("ARM", "RUS"): ((0.00, 0.02, 0.03, 0.01), (0.00, 0.12, 0.25, 0.15)),
    ("KGZ", "RUS"): ((0.02, 0.02, 0.01, 0.01), (0.01, 0.08, 0.06, 0.10)),
    ("KAZ", "RUS"): ((0.15, 0.03, 0.02, 0.01), (0.12, 0.07, 0.06, 0.04)),
    ("TUR", "RUS"): ((0.01, 0.10, 0.06, 0.04), (0.01, 0.16, 0.09, 0.08)),
    ("ARE", "RUS"): ((0.02, 0.08, 0.20, 0.03), (0.02, 0.15, 0.30, 0.10)),
    ("HKG", "RUS"): ((0.00, 0.10, 0.70, 0.00), (0.00, 0.08, 0.80, 0.00)),
    ("BLR", "RUS"): ((0.05, 0.07, 0.04, 0.08), (0.05, 0.07, 0.04, 0.08)),
    ("DEU", "RUS"): ((0.01, 0.27, 0.10, 0.13), (0.01, 0.20, 0.07, 0.05)),
    ("KOR", "RUS"): ((0.02, 0.10, 0.20, 0.40), (0.02, 0.08, 0.08, 0.45)),
    ("JPN", "RUS"): ((0.00, 0.15, 0.07, 0.60), (0.00, 0.10, 0.05, 0.70)),
    ("DEU", "KGZ"): ((0.00, 0.20, 0.10, 0.20), (0.00, 0.25, 0.15, 0.35)),
    ("KOR", "KGZ"): ((0.00, 0.05, 0.05, 0.60), (0.00, 0.05, 0.05, 0.80)),
    ("KOR", "KAZ"): ((0.00, 0.10, 0.15, 0.40), (0.00, 0.08, 0.10, 0.60)),
    ("IND", "NLD"): ((0.30, 0.05, 0.05, 0.02), (0.55, 0.04, 0.05, 0.02)),
    ("IRN", "CHN"): ((0.20, 0.00, 0.00, 0.00), (0.15, 0.00, 0.00, 0.00)),
}

TRADE_YEARS = (2021, 2023)

# ---------------------------------------------------------------------------
# Energy 2022: the Energy Institute Statistical Review of World Energy 2023
# matrices ("Oil - Inter-area movements", "Gas - Trade movements - pipeline",
# "Gas - Trade movements LNG"), every flow of the world aggregated to the demo
# economies plus ROW (every other country and every EI region). ei_aggregate()
# below is how EI_2022 was made from the EI extract; a test re-runs it on that
# extract when it is at hand. Only the aggregates are shipped, with attribution.
# ---------------------------------------------------------------------------
EI_COMMODITY = {"crude oil": "crude_oil", "oil products": "oil_products",
                "natural gas (pipeline)": "pipeline_gas", "natural gas (LNG)": "lng"}

# EI entity -> demo code; every other entity (other countries and EI regions
# such as "Europe", "EU", "Other CIS") is the rest of the world.
EI_ENTITY = {
    "China": "CHN", "India": "IND", "Japan": "JPN", "US": "USA", "Russia": "RUS",
    "Russian Federation": "RUS", "Saudi Arabia": "SAU", "UAE": "ARE",
    "United Arab Emirates": "ARE", "Iran": "IRN", "Kazakhstan": "KAZ", "Uzbekistan": "UZB",
    "Netherlands": "NLD", "Belarus": "BLR", "Brazil": "BRA", "France": "FRA", "Italy": "ITA",
    "South Korea": "KOR", "Turkey": "TUR", "United Kingdom": "GBR",
}


def ei_aggregate(path):
    """{(origin, destination, product): value} of the EI extract, demo codes + ROW.

    Flows inside the rest of the world (ROW -> ROW) are left out: they are not
    flows between two nodes of the demo.
    """
    totals = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            o = EI_ENTITY.get(r["exporter"], "ROW")
            d = EI_ENTITY.get(r["importer"], "ROW")
            if o == d:
                continue
            key = (o, d, EI_COMMODITY[r["commodity"]])
            totals[key] = totals.get(key, 0.0) + float(r["value"])
    return {k: round(v, 2) for k, v in sorted(totals.items()) if round(v, 2) > 0}


# The aggregates of ei_aggregate() on the EI extract, rounded to 0.01.
EI_2022 = {
    # crude_oil
    ("ARE", "CHN", "crude_oil"): 42.77, ("ARE", "IND", "crude_oil"): 22.51,
    ("ARE", "JPN", "crude_oil"): 49.21, ("ARE", "ROW", "crude_oil"): 57.76,
    ("ARE", "USA", "crude_oil"): 0.6, ("CHN", "ROW", "crude_oil"): 1.34,
    ("IND", "ROW", "crude_oil"): 0.01, ("JPN", "CHN", "crude_oil"): 0.01,
    ("JPN", "ROW", "crude_oil"): 0.41, ("ROW", "CHN", "crude_oil"): 283.83,
    ("ROW", "IND", "crude_oil"): 114.48, ("ROW", "JPN", "crude_oil"): 27.61,
    ("ROW", "RUS", "crude_oil"): 0.07, ("ROW", "USA", "crude_oil"): 288.31,
    ("RUS", "CHN", "crude_oil"): 86.24, ("RUS", "IND", "crude_oil"): 37.02,
    ("RUS", "JPN", "crude_oil"): 1.92, ("RUS", "ROW", "crude_oil"): 138.46,
    ("RUS", "USA", "crude_oil"): 1.01, ("SAU", "CHN", "crude_oil"): 87.49,
    ("SAU", "IND", "crude_oil"): 40.22, ("SAU", "JPN", "crude_oil"): 52.46,
    ("SAU", "ROW", "crude_oil"): 161.9, ("SAU", "USA", "crude_oil"): 22.69,
    ("USA", "CHN", "crude_oil"): 7.89, ("USA", "IND", "crude_oil"): 16.93,
    ("USA", "JPN", "crude_oil"): 1.31, ("USA", "ROW", "crude_oil"): 146.78,
    # oil_products
    ("ARE", "CHN", "oil_products"): 10.98, ("ARE", "IND", "oil_products"): 9.54,
    ("ARE", "JPN", "oil_products"): 4.78, ("ARE", "ROW", "oil_products"): 62.92,
    ("ARE", "RUS", "oil_products"): 0.01, ("ARE", "USA", "oil_products"): 1.27,
    ("CHN", "IND", "oil_products"): 0.61, ("CHN", "JPN", "oil_products"): 0.63,
    ("CHN", "ROW", "oil_products"): 52.36, ("CHN", "RUS", "oil_products"): 0.2,
    ("CHN", "USA", "oil_products"): 0.27, ("IND", "CHN", "oil_products"): 0.51,
    ("IND", "JPN", "oil_products"): 0.46, ("IND", "ROW", "oil_products"): 79.04,
    ("IND", "RUS", "oil_products"): 0.01, ("IND", "USA", "oil_products"): 3.27,
    ("JPN", "CHN", "oil_products"): 1.09, ("JPN", "IND", "oil_products"): 0.07,
    ("JPN", "ROW", "oil_products"): 14.42, ("JPN", "RUS", "oil_products"): 0.03,
    ("JPN", "USA", "oil_products"): 1.33, ("ROW", "CHN", "oil_products"): 53.5,
    ("ROW", "IND", "oil_products"): 20.65, ("ROW", "JPN", "oil_products"): 19.99,
    ("ROW", "RUS", "oil_products"): 1.46, ("ROW", "USA", "oil_products"): 81.02,
    ("RUS", "CHN", "oil_products"): 9.55, ("RUS", "IND", "oil_products"): 7.35,
    ("RUS", "JPN", "oil_products"): 0.22, ("RUS", "ROW", "oil_products"): 102.75,
    ("RUS", "USA", "oil_products"): 6.08, ("SAU", "CHN", "oil_products"): 2.11,
    ("SAU", "IND", "oil_products"): 9.12, ("SAU", "JPN", "oil_products"): 1.42,
    ("SAU", "ROW", "oil_products"): 56.54, ("SAU", "USA", "oil_products"): 4.91,
    ("USA", "CHN", "oil_products"): 15.54, ("USA", "IND", "oil_products"): 5.73,
    ("USA", "JPN", "oil_products"): 10.96, ("USA", "ROW", "oil_products"): 220.77,
    # pipeline_gas
    ("IRN", "ROW", "pipeline_gas"): 18.88, ("KAZ", "CHN", "pipeline_gas"): 4.37,
    ("KAZ", "RUS", "pipeline_gas"): 3.4, ("NLD", "ROW", "pipeline_gas"): 14.21,
    ("ROW", "ARE", "pipeline_gas"): 18.52, ("ROW", "BRA", "pipeline_gas"): 6.14,
    ("ROW", "CHN", "pipeline_gas"): 36.87, ("ROW", "KAZ", "pipeline_gas"): 0.34,
    ("ROW", "RUS", "pipeline_gas"): 4.73, ("ROW", "USA", "pipeline_gas"): 82.08,
    ("RUS", "BLR", "pipeline_gas"): 18.48, ("RUS", "CHN", "pipeline_gas"): 14.67,
    ("RUS", "KAZ", "pipeline_gas"): 2.04, ("RUS", "ROW", "pipeline_gas"): 90.16,
    ("USA", "ROW", "pipeline_gas"): 82.69, ("UZB", "CHN", "pipeline_gas"): 2.49,
    ("UZB", "ROW", "pipeline_gas"): 0.03,
    # lng
    ("ARE", "CHN", "lng"): 0.27, ("ARE", "IND", "lng"): 3.84, ("ARE", "JPN", "lng"): 1.82,
    ("ARE", "KOR", "lng"): 0.56, ("ARE", "ROW", "lng"): 1.1, ("ROW", "ARE", "lng"): 0.91,
    ("ROW", "BRA", "lng"): 0.38, ("ROW", "CHN", "lng"): 84.21, ("ROW", "FRA", "lng"): 12.2,
    ("ROW", "GBR", "lng"): 12.42, ("ROW", "IND", "lng"): 20.65, ("ROW", "ITA", "lng"): 11.16,
    ("ROW", "JPN", "lng"): 81.57, ("ROW", "KOR", "lng"): 52.81, ("ROW", "TUR", "lng"): 9.41,
    ("ROW", "USA", "lng"): 0.65, ("RUS", "CHN", "lng"): 6.11, ("RUS", "FRA", "lng"): 7.43,
    ("RUS", "GBR", "lng"): 0.48, ("RUS", "IND", "lng"): 0.58, ("RUS", "JPN", "lng"): 9.24,
    ("RUS", "KOR", "lng"): 2.69, ("RUS", "ROW", "lng"): 13.33, ("RUS", "TUR", "lng"): 0.31,
    ("USA", "BRA", "lng"): 1.93, ("USA", "CHN", "lng"): 2.59, ("USA", "FRA", "lng"): 15.46,
    ("USA", "GBR", "lng"): 12.45, ("USA", "IND", "lng"): 3.3, ("USA", "ITA", "lng"): 3.11,
    ("USA", "JPN", "lng"): 5.64, ("USA", "KOR", "lng"): 7.84, ("USA", "ROW", "lng"): 46.65,
    ("USA", "TUR", "lng"): 5.34,
}

# Approximations inside EI regions (2022). EI reports some destinations only
# as regions ("Europe", "EU", "Other CIS", ...), which the aggregation puts in
# ROW. Part of the origin's flow to the region is given to demo economies in
# it: (origin, product, EI region, EI flow origin -> region, {member: value}).
# The members' shares never add up to more than the EI flow (checked below).
REGION_SPLITS_2022 = [
    ("RUS", "crude_oil", "Europe", 116.86,
     {"DEU": 17.5, "NLD": 13.0, "POL": 9.5, "ITA": 11.0, "FRA": 2.5, "TUR": 10.0}),
    ("RUS", "crude_oil", "Other CIS", 15.90, {"BLR": 15.0}),
    ("RUS", "oil_products", "Europe", 76.37,
     {"NLD": 14.0, "TUR": 9.0, "DEU": 4.0, "FRA": 4.0, "GBR": 3.0}),
    ("RUS", "oil_products", "Middle East", 6.48, {"SAU": 2.5, "ARE": 3.0}),
    ("IND", "oil_products", "Europe", 20.32, {"NLD": 5.0, "FRA": 2.5}),
    ("RUS", "pipeline_gas", "EU", 61.48,
     {"DEU": 22.0, "ITA": 14.0, "FRA": 2.5, "NLD": 1.5, "POL": 2.5}),
    ("RUS", "pipeline_gas", "Rest of Europe", 23.93, {"TUR": 21.5}),
    ("RUS", "pipeline_gas", "Other CIS", 4.75, {"ARM": 2.3}),
    # Türkiye is Iran's only pipeline customer in EI's "Rest of Europe".
    ("IRN", "pipeline_gas", "Rest of Europe", 9.05, {"TUR": 9.05}),
]

# Iran -> China crude: a tanker-tracking estimate (2022 and 2023). China's
# customs book almost all of it under other origins (mostly Malaysia), so the
# estimate is taken out of China's imports from the rest of the world.
IRAN_CHINA_CRUDE = {2022: 45.0, 2023: 55.0}

# Flows of 2023 (approximations: China customs for Russia -> China, tanker
# tracking and company reports for the rest). Zeros mark flows that stopped.
ENERGY_2023 = [
    ("RUS", "CHN", "crude_oil", 107.0), ("RUS", "IND", "crude_oil", 82.0),
    ("RUS", "TUR", "crude_oil", 13.0), ("RUS", "JPN", "crude_oil", 0.7),
    ("RUS", "POL", "crude_oil", 1.0), ("RUS", "DEU", "crude_oil", 0.0),
    ("RUS", "NLD", "crude_oil", 0.0), ("RUS", "ITA", "crude_oil", 0.0),
    ("RUS", "FRA", "crude_oil", 0.0), ("RUS", "USA", "crude_oil", 0.0),
    ("RUS", "TUR", "oil_products", 15.0), ("RUS", "BRA", "oil_products", 6.0),
    ("RUS", "ARE", "oil_products", 6.0), ("RUS", "SAU", "oil_products", 4.0),
    ("RUS", "CHN", "oil_products", 12.0), ("RUS", "IND", "oil_products", 8.0),
    ("RUS", "NLD", "oil_products", 0.5), ("RUS", "DEU", "oil_products", 0.0),
    ("RUS", "FRA", "oil_products", 0.0), ("RUS", "GBR", "oil_products", 0.0),
    ("RUS", "USA", "oil_products", 0.0), ("IND", "NLD", "oil_products", 7.0),
    ("IND", "FRA", "oil_products", 4.0),
    ("RUS", "CHN", "pipeline_gas", 22.7), ("RUS", "TUR", "pipeline_gas", 21.0),
    ("RUS", "BLR", "pipeline_gas", 19.0), ("RUS", "ITA", "pipeline_gas", 2.5),
    ("RUS", "DEU", "pipeline_gas", 0.0), ("RUS", "POL", "pipeline_gas", 0.0),
    ("RUS", "FRA", "pipeline_gas", 0.0), ("RUS", "NLD", "pipeline_gas", 0.0),
    ("RUS", "CHN", "lng", 10.9), ("RUS", "JPN", "lng", 8.4), ("RUS", "FRA", "lng", 6.0),
]

# Totals that give each flow shown its other side: an economy's exports
# (ENERGY_EXPORTS) and imports (ENERGY_IMPORTS) of a product in a year; what
# the listed flows leave of them is traded with the rest of the world. 2022:
# the imports of the members of EI regions (Eurostat energy imports by
# partner, national statistics); 2023: every economy with a flow above
# (EI Statistical Review 2024, China customs, tanker-tracking estimates).
# All rounded approximations.
ENERGY_EXPORTS = {
    ("RUS", "crude_oil", 2023): 235.0, ("IRN", "crude_oil", 2023): 70.0,
    ("RUS", "oil_products", 2023): 115.0, ("IND", "oil_products", 2023): 60.0,
    ("RUS", "pipeline_gas", 2023): 100.0, ("RUS", "lng", 2023): 43.0,
}
ENERGY_IMPORTS = {
    ("DEU", "crude_oil", 2022): 88.2, ("NLD", "crude_oil", 2022): 59.0,
    ("POL", "crude_oil", 2022): 26.0, ("ITA", "crude_oil", 2022): 62.0,
    ("FRA", "crude_oil", 2022): 40.0, ("TUR", "crude_oil", 2022): 43.0,
    ("NLD", "oil_products", 2022): 70.0, ("TUR", "oil_products", 2022): 20.0,
    ("DEU", "oil_products", 2022): 35.0, ("FRA", "oil_products", 2022): 40.0,
    ("GBR", "oil_products", 2022): 30.0, ("SAU", "oil_products", 2022): 10.0,
    ("ARE", "oil_products", 2022): 25.0,
    ("DEU", "pipeline_gas", 2022): 85.0, ("ITA", "pipeline_gas", 2022): 57.0,
    ("FRA", "pipeline_gas", 2022): 20.0, ("NLD", "pipeline_gas", 2022): 25.0,
    ("POL", "pipeline_gas", 2022): 12.0, ("TUR", "pipeline_gas", 2022): 41.0,
    ("ARM", "pipeline_gas", 2022): 2.7,
    ("CHN", "crude_oil", 2023): 564.0, ("IND", "crude_oil", 2023): 232.0,
    ("TUR", "crude_oil", 2023): 45.0, ("JPN", "crude_oil", 2023): 125.0,
    ("POL", "crude_oil", 2023): 27.0, ("DEU", "crude_oil", 2023): 84.0,
    ("NLD", "crude_oil", 2023): 58.0, ("ITA", "crude_oil", 2023): 60.0,
    ("FRA", "crude_oil", 2023): 38.0, ("USA", "crude_oil", 2023): 325.0,
    ("TUR", "oil_products", 2023): 22.0, ("BRA", "oil_products", 2023): 25.0,
    ("ARE", "oil_products", 2023): 25.0, ("SAU", "oil_products", 2023): 12.0,
    ("CHN", "oil_products", 2023): 48.0, ("IND", "oil_products", 2023): 48.0,
    ("NLD", "oil_products", 2023): 70.0, ("DEU", "oil_products", 2023): 35.0,
    ("FRA", "oil_products", 2023): 40.0, ("GBR", "oil_products", 2023): 30.0,
    ("USA", "oil_products", 2023): 100.0,
    ("CHN", "pipeline_gas", 2023): 66.0, ("TUR", "pipeline_gas", 2023): 40.0,
    ("BLR", "pipeline_gas", 2023): 19.0, ("ITA", "pipeline_gas", 2023): 50.0,
    ("DEU", "pipeline_gas", 2023): 70.0, ("POL", "pipeline_gas", 2023): 10.0,
    ("FRA", "pipeline_gas", 2023): 15.0, ("NLD", "pipeline_gas", 2023): 22.0,
    ("CHN", "lng", 2023): 97.0, ("JPN", "lng", 2023): 90.0, ("FRA", "lng", 2023): 41.0,
}


def residual(total, listed, what):
    """What a published total leaves after the listed flows (never negative)."""
    rest = round(total - listed, 2)
    if rest < 0:
        raise ValueError(f"listed flows exceed the total of {what}")
    return rest


def energy_flows():
    """{(origin, destination, product, year): value}, ROW closing every total."""
    flows = {k + (2022,): v for k, v in EI_2022.items()}
    for origin, product, region, region_total, members in REGION_SPLITS_2022:
        share = round(sum(members.values()), 2)
        if share > region_total:
            raise ValueError(f"split of {origin} -> {region} exceeds EI's {region_total}")
        flows[(origin, "ROW", product, 2022)] = residual(
            flows[(origin, "ROW", product, 2022)], share, f"{origin} -> ROW {product}")
        for member, value in members.items():
            flows[(origin, member, product, 2022)] = value
    for o, d, product, value in ENERGY_2023:
        flows[(o, d, product, 2023)] = value
    for year, value in IRAN_CHINA_CRUDE.items():
        flows[("IRN", "CHN", "crude_oil", year)] = value
    flows[("ROW", "CHN", "crude_oil", 2022)] = residual(
        flows[("ROW", "CHN", "crude_oil", 2022)], IRAN_CHINA_CRUDE[2022], "ROW -> CHN crude")
    for (code, product, year), total in ENERGY_EXPORTS.items():
        listed = sum(v for (o, d, p, y), v in flows.items()
                     if (o, p, y) == (code, product, year) and d != "ROW")
        flows[(code, "ROW", product, year)] = residual(total, listed, f"{code} {product} exports")
    for (code, product, year), total in ENERGY_IMPORTS.items():
        listed = sum(v for (o, d, p, y), v in flows.items()
                     if (d, p, y) == (code, product, year) and o != "ROW")
        flows[("ROW", code, product, year)] = residual(total, listed, f"{code} {product} imports")
    return flows


ENERGY_UNIT = {"crude_oil": "Mt", "oil_products": "Mt", "pipeline_gas": "bcm", "lng": "bcm"}

# ---------------------------------------------------------------------------
# Finance: bank claims end-2022, lender -> borrower, USD bn.
# BIS_CBS: BIS consolidated banking statistics Q4 2022 (USD million in the
# source, converted to bn and rounded to 0.1) among the reporting systems the
# demo set holds, Austria included. BIS_OTHER_REPORTERS: the claims of the
# extract's reporters outside the set (Australia, Belgium, Switzerland, Chile,
# Spain, Ireland, Portugal, Sweden) on each borrower of the set, summed: ROW
# lends at least that much. FINANCE_APPROX: approximations for everything else.
# ---------------------------------------------------------------------------
BIS_CBS = {
    ("TUR", "USA"): 4625.529, ("TUR", "DEU"): 2888.068, ("TUR", "FRA"): 438.038,
    ("TUR", "GBR"): 4089.162, ("TUR", "ITA"): 54.134, ("TUR", "JPN"): 84.78,
    ("USA", "TUR"): 11827.0, ("USA", "DEU"): 400049.0, ("USA", "FRA"): 215906.0,
    ("USA", "GBR"): 423871.0, ("USA", "ITA"): 51181.0, ("USA", "JPN"): 446466.0,
    ("DEU", "TUR"): 13499.0, ("DEU", "USA"): 404414.0, ("DEU", "FRA"): 168764.0,
    ("DEU", "GBR"): 152420.0, ("DEU", "ITA"): 77970.0, ("DEU", "JPN"): 28593.0,
    ("FRA", "TUR"): 22811.0, ("FRA", "USA"): 531095.0, ("FRA", "DEU"): 193981.0,
    ("FRA", "GBR"): 229842.0, ("FRA", "ITA"): 349405.0, ("FRA", "JPN"): 193971.0,
    ("GBR", "TUR"): 11172.0, ("GBR", "USA"): 1127731.0, ("GBR", "DEU"): 203262.0,
    ("GBR", "FRA"): 402127.0, ("GBR", "ITA"): 13622.0, ("GBR", "JPN"): 201821.0,
    ("ITA", "TUR"): 4959.903, ("ITA", "USA"): 59598.032, ("ITA", "DEU"): 200636.326,
    ("ITA", "FRA"): 106918.032, ("ITA", "GBR"): 30859.159, ("ITA", "JPN"): 15123.285,
    ("JPN", "TUR"): 6690.8, ("JPN", "USA"): 1825317.0, ("JPN", "DEU"): 113571.3,
    ("JPN", "FRA"): 178012.6, ("JPN", "GBR"): 217267.2, ("JPN", "ITA"): 45714.5,
    ("AUT", "DEU"): 51129.533, ("AUT", "USA"): 15293.243, ("AUT", "FRA"): 15208.552,
    ("AUT", "GBR"): 7835.76, ("AUT", "ITA"): 5570.182, ("AUT", "JPN"): 186.453,
    ("AUT", "TUR"): 379.387, ("DEU", "AUT"): 55517.0, ("ITA", "AUT"): 84977.61,
    ("FRA", "AUT"): 7914.0, ("USA", "AUT"): 8279.0, ("GBR", "AUT"): 5272.0,
    ("JPN", "AUT"): 6914.1, ("TUR", "AUT"): 256.62,
}

BIS_OTHER_REPORTERS = {  # borrower: USD million
    "USA": 959175.634, "GBR": 848523.014, "DEU": 200371.786, "FRA": 223434.113,
    "ITA": 140247.255, "JPN": 73633.37, "TUR": 64028.613, "AUT": 19669.741,
}

FINANCE_APPROX = {
    # Western banks' claims on Russia, shrinking after 2022 (Italian, French,
    # Austrian-style exposures through local subsidiaries)
    ("ITA", "RUS"): 19, ("FRA", "RUS"): 7, ("USA", "RUS"): 7, ("JPN", "RUS"): 5,
    ("DEU", "RUS"): 5, ("GBR", "RUS"): 1.5, ("NLD", "RUS"): 2, ("KOR", "RUS"): 0.5,
    ("TUR", "RUS"): 1.5, ("POL", "RUS"): 0.1,
    # China, Hong Kong and Russia
    ("CHN", "RUS"): 8, ("RUS", "CHN"): 8, ("CHN", "HKG"): 380, ("HKG", "CHN"): 450,
    ("HKG", "RUS"): 1, ("RUS", "HKG"): 3, ("CHN", "USA"): 150, ("CHN", "GBR"): 60,
    ("CHN", "DEU"): 30, ("CHN", "JPN"): 20, ("CHN", "KAZ"): 12, ("CHN", "ARE"): 30,
    ("CHN", "SAU"): 25, ("CHN", "BRA"): 20, ("CHN", "IND"): 10, ("CHN", "TUR"): 5,
    ("CHN", "UZB"): 5, ("CHN", "KGZ"): 1.5, ("CHN", "PRK"): 0.5, ("CHN", "IRN"): 1,
    ("CHN", "BLR"): 4, ("CHN", "ARM"): 0.2, ("CHN", "KOR"): 15,
    ("GBR", "HKG"): 370, ("GBR", "CHN"): 140, ("USA", "CHN"): 75, ("USA", "HKG"): 60,
    ("JPN", "CHN"): 85, ("JPN", "HKG"): 50, ("DEU", "CHN"): 30, ("FRA", "CHN"): 35,
    ("FRA", "HKG"): 25, ("KOR", "CHN"): 25, ("KOR", "HKG"): 10, ("HKG", "USA"): 80,
    ("HKG", "GBR"): 40, ("HKG", "KOR"): 10, ("HKG", "IND"): 5,
    # Russia's banks in its neighbourhood and in the Gulf
    ("RUS", "BLR"): 7, ("RUS", "KAZ"): 6, ("RUS", "ARM"): 1.5, ("RUS", "KGZ"): 0.8,
    ("RUS", "UZB"): 2, ("RUS", "TUR"): 3, ("RUS", "ARE"): 5, ("RUS", "IRN"): 0.5,
    ("RUS", "PRK"): 0.05,
    # Iran and North Korea (token orders of magnitude; no official data)
    ("IRN", "ARE"): 2, ("IRN", "TUR"): 1, ("IRN", "CHN"): 3, ("IRN", "RUS"): 0.3,
    ("PRK", "CHN"): 0.3, ("PRK", "RUS"): 0.05,
    # Gulf
    ("ARE", "GBR"): 30, ("ARE", "USA"): 20, ("ARE", "IND"): 15, ("ARE", "SAU"): 10,
    ("ARE", "TUR"): 5, ("ARE", "CHN"): 10, ("ARE", "RUS"): 1, ("GBR", "ARE"): 60,
    ("USA", "ARE"): 25, ("FRA", "ARE"): 15, ("JPN", "ARE"): 20, ("IND", "ARE"): 10,
    ("GBR", "SAU"): 30, ("USA", "SAU"): 20, ("FRA", "SAU"): 15, ("JPN", "SAU"): 25,
    ("SAU", "ARE"): 6, ("SAU", "USA"): 20, ("SAU", "GBR"): 10,
    # Central Asia and the Caucasus
    ("USA", "KAZ"): 3, ("GBR", "KAZ"): 3, ("FRA", "KAZ"): 2, ("DEU", "KAZ"): 1,
    ("JPN", "KAZ"): 2, ("KOR", "KAZ"): 1, ("TUR", "KAZ"): 1, ("KAZ", "USA"): 8,
    ("KAZ", "RUS"): 2, ("KAZ", "GBR"): 2, ("KGZ", "RUS"): 0.3, ("KGZ", "KAZ"): 0.1,
    ("TUR", "KGZ"): 0.2, ("DEU", "UZB"): 1, ("GBR", "UZB"): 0.5, ("USA", "UZB"): 0.5,
    ("UZB", "RUS"): 0.5, ("UZB", "USA"): 1, ("FRA", "ARM"): 0.3, ("ARM", "RUS"): 0.6,
    ("ARM", "USA"): 0.3, ("BLR", "RUS"): 2,
    # India, Korea, Brazil
    ("USA", "IND"): 60, ("GBR", "IND"): 60, ("JPN", "IND"): 50, ("FRA", "IND"): 20,
    ("DEU", "IND"): 15, ("IND", "USA"): 15, ("IND", "GBR"): 10, ("IND", "HKG"): 5,
    ("USA", "KOR"): 40, ("JPN", "KOR"): 40, ("GBR", "KOR"): 35, ("FRA", "KOR"): 25,
    ("DEU", "KOR"): 15, ("KOR", "USA"): 60, ("KOR", "JPN"): 10, ("KOR", "GBR"): 10,
    ("USA", "BRA"): 75, ("GBR", "BRA"): 30, ("FRA", "BRA"): 20, ("JPN", "BRA"): 25,
    ("DEU", "BRA"): 10, ("ITA", "BRA"): 3, ("BRA", "USA"): 25, ("BRA", "GBR"): 5,
    # Netherlands and Poland (not in the 16-system extract)
    ("NLD", "USA"): 80, ("NLD", "DEU"): 80, ("NLD", "GBR"): 50, ("NLD", "FRA"): 40,
    ("NLD", "ITA"): 15, ("NLD", "POL"): 25, ("NLD", "TUR"): 8, ("NLD", "CHN"): 10,
    ("USA", "NLD"): 80, ("DEU", "NLD"): 55, ("FRA", "NLD"): 60, ("GBR", "NLD"): 40,
    ("JPN", "NLD"): 60, ("DEU", "POL"): 25, ("ITA", "POL"): 20, ("FRA", "POL"): 15,
    ("USA", "POL"): 10, ("GBR", "POL"): 5, ("POL", "DEU"): 3, ("POL", "GBR"): 1,
    ("POL", "USA"): 1,
    # Austria's links outside the BIS extract: Raiffeisen Bank International's
    # Russian subsidiary makes Austria's banks the second-largest Western
    # creditor of Russia (RBI and OeNB reports)
    ("AUT", "RUS"): 17.5, ("AUT", "POL"): 12, ("AUT", "CHN"): 2, ("NLD", "AUT"): 6,
    # The rest of the world as lender: the other BIS reporting systems
    # (Switzerland, Canada, Spain, Sweden, Belgium, Australia, Hungary, ...)
    # and the non-reporting ones; finance_flows() raises a claim on a borrower
    # of BIS_OTHER_REPORTERS to that bound where it is below it
    ("ROW", "USA"): 1600, ("ROW", "GBR"): 500, ("ROW", "DEU"): 250, ("ROW", "FRA"): 250,
    ("ROW", "ITA"): 80, ("ROW", "NLD"): 120, ("ROW", "POL"): 90, ("ROW", "JPN"): 150,
    ("ROW", "CHN"): 150, ("ROW", "HKG"): 120, ("ROW", "RUS"): 6, ("ROW", "IND"): 60,
    ("ROW", "KOR"): 40, ("ROW", "BRA"): 120, ("ROW", "TUR"): 40, ("ROW", "ARE"): 40,
    ("ROW", "SAU"): 20, ("ROW", "KAZ"): 3, ("ROW", "AUT"): 15, ("ROW", "BLR"): 1,
    ("ROW", "UZB"): 1, ("ROW", "KGZ"): 0.2, ("ROW", "ARM"): 0.5, ("ROW", "IRN"): 0.5,
    ("ROW", "PRK"): 0.01,
    # The rest of the world as borrower: each system's claims outside the set
    ("USA", "ROW"): 2000, ("GBR", "ROW"): 1200, ("FRA", "ROW"): 1000, ("DEU", "ROW"): 600,
    ("JPN", "ROW"): 1300, ("ITA", "ROW"): 250, ("NLD", "ROW"): 300, ("CHN", "ROW"): 600,
    ("HKG", "ROW"): 300, ("KOR", "ROW"): 120, ("AUT", "ROW"): 140, ("TUR", "ROW"): 20,
    ("ARE", "ROW"): 60, ("SAU", "ROW"): 30, ("IND", "ROW"): 30, ("BRA", "ROW"): 20,
    ("RUS", "ROW"): 25, ("POL", "ROW"): 3, ("KAZ", "ROW"): 2, ("BLR", "ROW"): 1,
    ("UZB", "ROW"): 0.5, ("KGZ", "ROW"): 0.1, ("ARM", "ROW"): 0.3, ("IRN", "ROW"): 1,
    ("PRK", "ROW"): 0.02,
}


def finance_flows():
    """{(lender, borrower): USD bn}: the BIS links, then the approximations,
    ROW's claims raised to the BIS other reporters' total (rounded up to 1 bn)."""
    flows = {pair: round(value_m / 1000, 1) for pair, value_m in BIS_CBS.items()}
    for pair, value in FINANCE_APPROX.items():
        assert pair not in BIS_CBS, pair
        lender, borrower = pair
        bound = BIS_OTHER_REPORTERS.get(borrower, 0) if lender == "ROW" else 0
        flows[pair] = max(value, math.ceil(bound / 1000))
    return flows


# ---------------------------------------------------------------------------
# Crude oil by value and by quantity: the same shipments measured in USD
# million and in Mt, so that value / quantity is a price (USD per tonne).
# (exporter, importer, year) -> (USD m, Mt). Every pair of figures comes from
# one source for one period:
# - 2021, before the war: CEPII BACI (HS92 270900, reconciled customs, FOB
#   values), exact aggregates of ../shared/data/baci-crude-oil-2021
#   (baci_crude() recomputes them; a test compares).
# - China 2022 and 2023: China customs (GACC) imports from Russia, CIF: 86.2 Mt
#   for 58.37 bn USD in 2022, 107 Mt for 60.6 bn in 2023 (as reported by TASS,
#   20 Jul 2023 and 20 Jan 2024).
# - India 2022 = fiscal year April 2022 - March 2023 (Ministry of Commerce,
#   CIF, as reported by Mint, 15 May 2023): Russia 50.84 Mt for 31.02 bn USD,
#   Iraq 50.31 Mt for 33.37 bn. India 2023 = January - September 2023 (Ministry
#   of Commerce via Reuters, 8 Nov 2023): almost 70 Mt from Russia at 525.60
#   USD per tonne CIF; the value is that price times 70 Mt.
# ---------------------------------------------------------------------------
OIL_VALUE_PAIRS_2021 = [("RUS", d) for d in ("CHN", "NLD", "DEU", "KOR", "POL", "ITA", "USA",
                                               "JPN", "TUR", "GBR", "IND", "FRA")] + \
    [("SAU", "CHN"), ("IRQ", "IND")]
OIL_VALUE = {
    ("RUS", "CHN", 2021): (35418.4, 71.027), ("RUS", "NLD", 2021): (16996.6, 37.313),
    ("RUS", "DEU", 2021): (9385.6, 19.215), ("RUS", "KOR", 2021): (6237.0, 13.442),
    ("RUS", "POL", 2021): (5470.8, 11.234), ("RUS", "ITA", 2021): (3902.1, 8.773),
    ("RUS", "USA", 2021): (3774.4, 7.383), ("RUS", "JPN", 2021): (2226.5, 4.511),
    ("RUS", "TUR", 2021): (2105.8, 4.197), ("RUS", "GBR", 2021): (1413.4, 3.117),
    ("RUS", "IND", 2021): (935.4, 1.926), ("RUS", "FRA", 2021): (187.7, 0.429),
    ("SAU", "CHN", 2021): (38302.4, 87.568), ("IRQ", "IND", 2021): (22102.6, 51.883),
    ("RUS", "CHN", 2022): (58370, 86.2), ("RUS", "CHN", 2023): (60600, 107.0),
    ("RUS", "IND", 2022): (31020, 50.84), ("IRQ", "IND", 2022): (33370, 50.31),
    ("RUS", "IND", 2023): (round(525.60 * 70.0, 1), 70.0),
}


def baci_crude(path):
    """{(exporter, importer): (USD m, Mt)} of OIL_VALUE_PAIRS_2021 in the BACI
    extract of ../shared/data/baci-crude-oil-2021 (values in USD, quantities
    in tonnes, stored as text with blanks), rounded as OIL_VALUE holds them."""
    found = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pair = (row["location_code"], row["partner_code"])
            if pair in OIL_VALUE_PAIRS_2021:
                found[pair] = (round(float(row["export_value"]) / 1e6, 1),
                               round(float(row["Quantity (in metric tons)"].strip()) / 1e6, 3))
    return found


# ---------------------------------------------------------------------------
# Stylised multi-regional input-output table, USD bn.
# ---------------------------------------------------------------------------
IO_REGIONS = ("CHN", "RUS", "USA", "ROW")
IO_SECTORS = ("PRI", "MAN", "SRV")  # primary & energy, manufacturing, services

# Gross output by (region, sector).
IO_OUTPUT = {
    "CHN": (4800, 21500, 17500),
    "RUS": (900, 1100, 2100),
    "USA": (1900, 7200, 33000),
    "ROW": (6800, 27000, 62000),
}

# Domestic technical coefficients (rows: supplying sector, columns: buying sector).
IO_DOMESTIC = {
    "CHN": ((0.10, 0.09, 0.02), (0.16, 0.45, 0.16), (0.07, 0.13, 0.25)),
    "RUS": ((0.12, 0.22, 0.03), (0.10, 0.26, 0.09), (0.10, 0.14, 0.26)),
    "USA": ((0.14, 0.07, 0.01), (0.11, 0.25, 0.06), (0.16, 0.18, 0.27)),
    "ROW": ((0.11, 0.08, 0.02), (0.14, 0.33, 0.10), (0.10, 0.15, 0.27)),
}

# Import coefficients: (supplier region, supplier sector, buyer region) ->
# coefficients for the buyer's three sectors. Russia's primary sector feeds
# China's and the rest of the world's energy use; Russia's manufacturing leans
# on Chinese inputs; everyone buys manufactures from China.
IO_IMPORTS = {
    ("RUS", "PRI", "CHN"): (0.0068, 0.002, 0.0003),
    ("RUS", "PRI", "ROW"): (0.010, 0.003, 0.0005),
    ("RUS", "PRI", "USA"): (0.0005, 0.0002, 0.0),
    ("CHN", "MAN", "RUS"): (0.010, 0.0267, 0.0067),
    ("CHN", "MAN", "USA"): (0.0018, 0.006, 0.0009),
    ("CHN", "MAN", "ROW"): (0.0092, 0.027, 0.0046),
    ("USA", "MAN", "CHN"): (0.0007, 0.0022, 0.0007),
    ("USA", "MAN", "ROW"): (0.004, 0.010, 0.003),
    ("USA", "SRV", "ROW"): (0.002, 0.004, 0.006),
    ("USA", "SRV", "CHN"): (0.0004, 0.0011, 0.0014),
    ("ROW", "PRI", "CHN"): (0.06, 0.0168, 0.0013),
    ("ROW", "PRI", "USA"): (0.04, 0.012, 0.001),
    ("ROW", "PRI", "RUS"): (0.0022, 0.0043, 0.0004),
    ("ROW", "MAN", "CHN"): (0.0067, 0.0302, 0.0054),
    ("ROW", "MAN", "USA"): (0.020, 0.060, 0.010),
    ("ROW", "MAN", "RUS"): (0.0086, 0.0258, 0.0065),
    ("ROW", "SRV", "CHN"): (0.0027, 0.008, 0.0067),
    ("ROW", "SRV", "USA"): (0.004, 0.010, 0.012),
    ("ROW", "SRV", "RUS"): (0.0017, 0.0043, 0.0043),
    ("CHN", "SRV", "ROW"): (0.0008, 0.0023, 0.0031),
    ("CHN", "PRI", "ROW"): (0.0015, 0.0015, 0.000),
    ("RUS", "MAN", "CHN"): (0.0, 0.001, 0.0),
    ("RUS", "MAN", "ROW"): (0.0, 0.0012, 0.0),
}

# Shares of each supplying sector's final sales bought by each region's final
# demand (exports of final goods and services). The supplier's own region
# takes the rest.
IO_FD_EXPORT_SHARE = {
    "CHN": {"RUS": 0.0033, "USA": 0.021, "ROW": 0.100},
    "RUS": {"CHN": 0.0136, "USA": 0.003, "ROW": 0.060},
    "USA": {"CHN": 0.0036, "RUS": 0.001, "ROW": 0.050},
    "ROW": {"CHN": 0.0134, "RUS": 0.0026, "USA": 0.040},
}


def io_table():
    """Integer Z (n x n), Y (n x regions) and v so that the table balances exactly."""
    index = [(r, s) for r in IO_REGIONS for s in IO_SECTORS]
    n = len(index)
    x = [IO_OUTPUT[r][k] for r in IO_REGIONS for k in range(len(IO_SECTORS))]
    z = [[0] * n for _ in range(n)]
    for i, (ri, si) in enumerate(index):
        for j, (rj, sj) in enumerate(index):
            kj = IO_SECTORS.index(sj)
            if ri == rj:
                coef = IO_DOMESTIC[ri][IO_SECTORS.index(si)][kj]
            else:
                coef = IO_IMPORTS.get((ri, si, rj), (0.0, 0.0, 0.0))[kj]
            z[i][j] = round(coef * x[j])
    y = [[0] * len(IO_REGIONS) for _ in range(n)]
    for i, (ri, _) in enumerate(index):
        final = x[i] - sum(z[i])
        if final <= 0:
            raise ValueError(f"no room for final demand in row {index[i]}")
        for d, rd in enumerate(IO_REGIONS):
            if rd != ri:
                y[i][d] = round(final * IO_FD_EXPORT_SHARE[ri][rd])
        y[i][IO_REGIONS.index(ri)] = final - sum(y[i])
    v = [x[j] - sum(z[i][j] for i in range(n)) for j in range(n)]
    if min(v) <= 0:
        raise ValueError("non-positive value added")
    return index, z, y, v, x


def fmt(value):
    """Plain decimal text without a trailing '.0' and without exponent."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def product_split(exporter, importer, year_index, total_m):
    """Split a total (USD million) into the product groups; shares from PROFILE."""
    pair = PAIR_PROFILE.get((exporter, importer))
    shares = (pair or PROFILE[exporter])[year_index]
    parts = [round(total_m * s, 1) for s in shares]
    rest = round(total_m - sum(parts), 1)
    if rest < 0:
        raise ValueError(f"shares exceed 1 for {exporter}->{importer}")
    return dict(zip(PRODUCTS, parts + [rest]))


def trade_total_m(value_bn):
    """USD bn to USD million, kept to the precision the figure was given in."""
    value_m = value_bn * 1000
    return round(value_m) if value_m >= 10 else round(value_m, 1)


def write_long(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["origin", "destination", "value", "year", "layer", "product", "unit"])
        w.writerows(rows)


def write_all(out):
    codes = {e[0] for e in ECONOMIES} | {"ROW"}
    with open(out / "economies.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "gdp_usd_bn_2022", "gdp_usd_bn_2023", "population_m_2023",
                    "bank_capital_usd_bn_2022", "group"])
        for e in ECONOMIES + [rest_of_world()]:
            w.writerow([e[0], e[1]] + [fmt(v) for v in e[2:6]] + [e[6]])

    with open(out / "mapping_eu.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "group"])
        for c in EU_MEMBERS:
            w.writerow([c, "EU"])

    rows = []
    for (o, d), values in {**TRADE, **trade_with_rest_of_world()}.items():
        assert o in codes and d in codes and o != d, (o, d)
        for yi, year in enumerate(TRADE_YEARS):
            total = trade_total_m(values[yi])
            for product, value in product_split(o, d, yi, total).items():
                if value > 0:
                    rows.append([o, d, fmt(value), year, "trade", product, "USD_m"])
    write_long(out / "trade.csv", rows)

    rows = []
    flows = energy_flows()
    for (o, d, product, year), value in sorted(flows.items(), key=lambda kv: (kv[0][3], kv[0])):
        assert o in codes and d in codes and o != d, (o, d)
        if value > 0 or d != "ROW" and o != "ROW":
            rows.append([o, d, fmt(value), year, "energy", product, ENERGY_UNIT[product]])
    write_long(out / "energy.csv", rows)

    rows = []
    for (o, d), value in finance_flows().items():
        assert o in codes and d in codes and o != d, (o, d)
        rows.append([o, d, fmt(value), 2022, "finance", "bank_claims", "USD_bn"])
    write_long(out / "finance.csv", rows)

    rows = []
    for (o, d, year), (value, quantity) in sorted(OIL_VALUE.items(), key=lambda kv: kv[0][2]):
        rows.append([o, d, fmt(value), year, "oil_value", "crude_oil", "USD_m"])
        rows.append([o, d, fmt(quantity), year, "oil_quantity", "crude_oil", "Mt"])
    write_long(out / "oil_value.csv", rows)

    index, z, y, v, x = io_table()
    with open(out / "io_demo.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "sector"] + [f"{r}_{s}" for r, s in index]
                   + [f"FD_{r}" for r in IO_REGIONS])
        for i, (r, s) in enumerate(index):
            w.writerow([r, s] + z[i] + y[i])
        w.writerow(["VA", ""] + v + [0] * len(IO_REGIONS))
        fd_totals = [sum(y[i][d] for i in range(len(index))) for d in range(len(IO_REGIONS))]
        w.writerow(["X", ""] + x + fd_totals)


if __name__ == "__main__":
    target = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).parent
    write_all(target)
