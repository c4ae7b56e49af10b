"""Normalisation and segmentation on real Lao: the SDG texts of ../shared/data/sdg/lo/ (machine-translated,
with stray spaces inside words) and the hand-segmented sentences of data/lao_gold.txt."""

from pathlib import Path

import pytest
import yaml

from roundtable.search import text

SDG = Path(__file__).resolve().parents[4] / "shared" / "data" / "sdg" / "lo"
GOLD = Path(__file__).parent / "data" / "lao_gold.txt"


def sdg(name: str) -> dict[str, str]:
    path = SDG / f"{name}.yml"
    if not path.exists():
        pytest.skip("the shared SDG data is not beside the project")
    return {k: str(v) for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items()}


def gold() -> list[tuple[str, set[int], set[int]]]:
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, required, optional = "", set(), set()
        for ch in line.strip():
            if ch == "|":
                required.add(len(sentence))
            elif ch == "¦":
                optional.add(len(sentence))
            else:
                sentence += ch
        rows.append((sentence, required, optional))
    return rows


def test_normalise_composes_the_decomposed_spellings():
    assert text.normalise("ນໍາ") == "ນຳ"
    assert text.normalise("ນໍ້າ") == "ນ້ຳ"  # ໍ, tone mark, າ: the SDG texts write ນໍ້າມັນ so
    assert text.normalise("ຫນ່ວຍງານ") == "ໜ່ວຍງານ"
    assert text.normalise("ຫມາຍ") == "ໝາຍ"


def test_normalise_strips_invisible_characters_and_applies_nfc():
    assert text.normalise("\ufeffແຫຼ່ງ\u200bທຶນ") == "ແຫຼ່ງທຶນ"
    assert text.normalise("cafe\u0301") == "café"


def test_normalise_collapses_the_stray_spaces_of_the_sdg_texts():
    targets = sdg("global_targets")
    assert "ສຳ ລັບ" in targets["1-1-title"]
    assert "ສຳລັບທຸກຄົນ" in text.normalise(targets["1-1-title"])
    assert "ຢ່າງໜ້ອຍເຄິ່ງໜຶ່ງ" in text.normalise(targets["1-2-title"])
    assert "ເໝາະສົມ" in text.normalise(targets["1-3-title"])


def test_normalise_keeps_the_spaces_that_separate_words():
    assert text.normalise("ກະຊວງສຶກສາທິການ ແລະ ກິລາ") == "ກະຊວງສຶກສາທິການ ແລະ ກິລາ"
    assert text.normalise("ບຸນກອງ ສີຫາວົງ") == "ບຸນກອງ ສີຫາວົງ"
    assert text.normalise("Health and ສາທາລະນະສຸກ") == "Health and ສາທາລະນະສຸກ"


def test_every_sdg_word_split_by_a_stray_space_is_one_word_again():
    """The words the translation engine split, each found as a phrase in the index's words of its target
    (and, without the collapse, not)."""
    targets = sdg("global_targets")
    for key, word in [
        ("1-1-title", "ສຳລັບ"),
        ("1-3-title", "ເໝາະສົມ"),
        ("1-2-title", "ຄວາມໝາຍ"),
        ("1-2-title", "ເຄິ່ງໜຶ່ງ"),
    ]:
        document, query = text.words(targets[key]), text.words(word)
        n = len(query)
        assert any(document[i : i + n] == query for i in range(len(document))), (key, word)


def test_the_segmenter_finds_the_hand_segmented_boundaries():
    """Boundary F1 of the active segmenter on the gold sentences (bench/search_bench.py prints the rest)."""
    tp = fp = found = total = 0
    for sentence, required, optional in gold():
        pieces = text.SEGMENTERS[text.segmenter_name()](text.normalise(sentence))
        predicted, at = set(), 0
        for piece in pieces[:-1]:
            at += len(piece)
            predicted.add(at)
        tp += len(predicted & (required | optional))
        fp += len(predicted - required - optional)
        found += len(predicted & required)
        total += len(required)
    precision, recall = tp / (tp + fp), found / total
    assert 2 * precision * recall / (precision + recall) >= 0.95


def test_icu_is_the_segmenter_when_pyicu_imports():
    pytest.importorskip("icu")
    assert text.segmenter_name() == "icu"


def test_laonlp_the_fallback_cuts_the_same_terms():
    pytest.importorskip("laonlp")
    assert text.words("ແຫຼ່ງທຶນສຳລັບໂຄງການ", segmenter="laonlp") == ["ແຫຼ່ງ", "ທຶນ", "ສຳລັບ", "ໂຄງການ"]


def test_a_query_is_cut_like_the_text_it_is_in():
    document = text.words("ກອງປະຊຸມໄດ້ປຶກສາຫາລືກ່ຽວກັບແຫຼ່ງທຶນສຳລັບໂຄງການບຸລິມະສິດ")
    query = text.words("ແຫຼ່ງທຶນ")
    assert query == ["ແຫຼ່ງ", "ທຶນ"]
    n = len(query)
    assert any(document[i : i + n] == query for i in range(len(document)))


def test_bound_heads_of_compounds_are_cut_off():
    """ICU's dictionary reads ບົດບັນທຶກ and ກະຊວງສາທາລະນະສຸກ as one word each."""
    pytest.importorskip("icu")
    assert text.words("ບົດບັນທຶກກອງປະຊຸມ")[:2] == ["ບົດ", "ບັນທຶກ"]
    assert text.words("ກະຊວງສາທາລະນະສຸກ") == ["ກະຊວງ", "ສາທາລະນະສຸກ"]
    assert text.words("ຄວາມທຸກຍາກ") == ["ຄວາມ", "ທຸກຍາກ"]


def test_english_words_are_case_folded_and_punctuation_dropped():
    assert text.words("The Budget, for 2025!") == ["the", "budget", "for", "2025"]
    assert text.words("ງົບປະມານ 2025, Health.") == ["ງົບປະມານ", "2025", "health"]
