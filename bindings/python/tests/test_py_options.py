"""Options keywords go through the library's one-key setters: a misspelt
keyword or a bad value raises the binding's usual error, naming the key."""
import pytest

import libflow
from libflow import evasion, indices, mrio


def test_misspelt_read_keyword_raises_naming_it():
    with pytest.raises(libflow.InvalidArgumentError, match="'treads'"):
        libflow.ReadOptions(treads=2)
    with pytest.raises(libflow.InvalidArgumentError, match="'treads'"):
        libflow.Dataset().read_buffer("origin,destination,value\nCHN,RUS,1\n", treads=2)


def test_bad_read_value_names_key_and_value():
    with pytest.raises(libflow.InvalidArgumentError,
                       match=r"read option 'threads': '-1' is not an integer"):
        libflow.ReadOptions(threads=-1)
    with pytest.raises(libflow.InvalidArgumentError, match=r"'scale': 'ten'"):
        libflow.ReadOptions(scale="ten")


def test_keywords_reach_the_reader():
    text = "origin;destination;value\nCHN;RUS;1 234,5\nRUS;CHN;n/a\n"
    dataset = libflow.Dataset()
    report = dataset.read_buffer(text, delimiter=";", thousands=" ", decimal=",",
                                 missing_tokens=["n/a"], missing="skip", strict=False,
                                 years=[0], layers=("trade",))
    assert (report.accepted, report.filtered) == (1, 1)
    matrix = dataset.matrix("trade", 0)
    assert matrix[dataset.economy_index("CHN"), dataset.economy_index("RUS")] == 1234.5


def test_misspelt_dependency_flag_keyword_raises():
    with pytest.raises(libflow.InvalidArgumentError, match="'import_hh'"):
        indices.DependencyFlagOptions(import_hh=0.3)
    with pytest.raises(libflow.InvalidArgumentError, match="'persistence': '3,2'"):
        indices.DependencyFlagOptions(persistence=(3, 2))
    assert indices.DependencyFlagOptions(import_hhi=0.3, persistence=(1, 1)) is not None


def test_misspelt_evasion_keyword_raises():
    with pytest.raises(libflow.InvalidArgumentError, match="'jumps'"):
        evasion.EvasionOptions(["DEU"], ["RUS"], (2021, 2022), jumps=3.0)
    with pytest.raises(libflow.InvalidArgumentError, match="'band': '1.2,1.0'"):
        evasion.EvasionOptions(["DEU"], ["RUS"], (2021, 2022), band=(1.2, 1.0))


def test_misspelt_mrio_keyword_raises():
    with pytest.raises(libflow.InvalidArgumentError, match="'keep_split'"):
        mrio._MrioOptions(keep_split=True)
    with pytest.raises(libflow.InvalidArgumentError, match="'tolerance': '-1.0'"):
        mrio._MrioOptions(tolerance=-1.0)
