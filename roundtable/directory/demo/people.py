# ruff: noqa: E501  (data tables: names read better in rows)
"""Demo data: invented people. Names are drawn, deterministically, from the pools below; every person,
email and phone number is invented (example.la / example.org).
"""

from __future__ import annotations

import random
from collections import Counter

# --- invented names ------------------------------------------------------------------------------
LAO_GIVEN = [
    ("Somchai", "ສົມໃຈ", "m"), ("Bounmy", "ບຸນມີ", "m"), ("Khamphone", "ຄຳພອນ", "m"),
    ("Vilayphone", "ວິໄລພອນ", "f"), ("Souksavanh", "ສຸກສະຫວັນ", "m"), ("Phetsamone", "ເພັດສະໝອນ", "f"),
    ("Chanthaly", "ຈັນທະລີ", "f"), ("Manivanh", "ມະນີວັນ", "f"), ("Outhai", "ອຸໄທ", "m"),
    ("Sengphet", "ແສງເພັດ", "m"), ("Thongsavanh", "ທອງສະຫວັນ", "m"), ("Viengkham", "ວຽງຄຳ", "f"),
    ("Latsamy", "ລັດສະໝີ", "f"), ("Souphaphone", "ສຸພາພອນ", "f"), ("Bouasone", "ບົວສອນ", "f"),
    ("Khampheng", "ຄຳແພງ", "m"), ("Sisouk", "ສີສຸກ", "m"), ("Phouvong", "ພູວົງ", "m"),
    ("Daovone", "ດາວວອນ", "f"), ("Ketsana", "ເກດສະໜາ", "f"), ("Malaythong", "ມາໄລທອງ", "f"),
    ("Sommai", "ສົມໄໝ", "f"), ("Anousone", "ອານຸສອນ", "m"), ("Chansouda", "ຈັນສຸດາ", "f"),
    ("Phonesavanh", "ພອນສະຫວັນ", "m"), ("Kongchay", "ກົງໄຊ", "m"), ("Vanthong", "ວັນທອງ", "m"),
    ("Saysamone", "ໄຊສະໝອນ", "m"), ("Inthava", "ອິນທະວາ", "f"), ("Sengdao", "ແສງດາວ", "f"),
    ("Bounleuth", "ບຸນເລີດ", "m"), ("Amphay", "ອຳໄພ", "f"), ("Khonesavanh", "ຂອນສະຫວັນ", "m"),
    ("Souliya", "ສຸລິຍາ", "f"), ("Thipphavanh", "ທິບພະວັນ", "f"), ("Xayphone", "ໄຊພອນ", "m"),
]  # fmt: skip
LAO_FAMILY = [
    ("Phommachanh", "ພົມມະຈັນ"), ("Sihavong", "ສີຫາວົງ"), ("Keomany", "ແກ້ວມະນີ"), ("Chanthavong", "ຈັນທະວົງ"),
    ("Inthavong", "ອິນທະວົງ"), ("Douangdy", "ດວງດີ"), ("Souvannasy", "ສຸວັນນະສີ"), ("Vongsay", "ວົງໄຊ"),
    ("Phanthavong", "ພັນທະວົງ"), ("Sayasith", "ໄຊຍະສິດ"), ("Luangrath", "ຫຼວງລາດ"), ("Xayavong", "ໄຊຍະວົງ"),
    ("Khounvilay", "ຄູນວິໄລ"), ("Somphone", "ສົມພອນ"), ("Sysavath", "ສີສະຫວາດ"), ("Manivong", "ມະນີວົງ"),
    ("Thammavong", "ທຳມະວົງ"), ("Bounyavong", "ບຸນຍະວົງ"), ("Phimmasone", "ພິມມະສອນ"),
    ("Keobounphanh", "ແກ້ວບຸນພັນ"), ("Sengsouliya", "ແສງສຸລິຍາ"), ("Vongphachanh", "ວົງພະຈັນ"),
    ("Phengsavanh", "ເພັງສະຫວັນ"), ("Southammavong", "ສຸດທຳມະວົງ"), ("Latthasing", "ລາດທະສິງ"),
    ("Chounlamany", "ຈຸນລະມະນີ"),
]  # fmt: skip
FOREIGN_NAMES = {
    "JP": (
        [("Kenji", "ເຄັນຈິ", "m"), ("Yuki", "ຢູກິ", "f"), ("Hiroshi", "ຮິໂຣຊິ", "m"), ("Aiko", "ໄອໂກະ", "f")],
        [("Sato", "ຊາໂຕ"), ("Suzuki", "ຊູຊູກິ"), ("Nakamura", "ນາກາມູຣະ"), ("Watanabe", "ວາຕານາເບະ")],
    ),
    "KR": (
        [("Minjun", "ມິນຈຸນ", "m"), ("Jiwon", "ຈີວອນ", "f")],
        [("Kim", "ກິມ"), ("Park", "ປາກ"), ("Lee", "ລີ")],
    ),
    "": (
        [
            ("Anna", "ແອນນາ", "f"), ("Thomas", "ໂທມັສ", "m"), ("David", "ເດວິດ", "m"), ("Sarah", "ຊາຣາ", "f"),
            ("Peter", "ປີເຕີ", "m"), ("Julia", "ຈູເລຍ", "f"), ("Michael", "ໄມເຄິນ", "m"), ("Emma", "ເອັມມາ", "f"),
            ("Lukas", "ລູກັສ", "m"), ("Claire", "ແຄລ", "f"), ("Pierre", "ປີແອ", "m"), ("Sophie", "ໂຊຟີ", "f"),
        ],
        [
            ("Martin", "ມາແຕັງ"), ("Brown", "ບຣາວ"), ("Wilson", "ວິລສັນ"), ("Dubois", "ດູບົວ"),
            ("Andersen", "ແອນເດີເຊັນ"), ("Fischer", "ຟິສເຊີ"), ("Rossi", "ຣອສຊີ"), ("Taylor", "ເທເລີ"),
            ("Novak", "ໂນວັກ"), ("Meier", "ໄມເອີ"),
        ],
    ),
}  # fmt: skip

# Positions by kind and rank (0 = head). Government staff write in Lao, partners in English.
POSITIONS = {
    "ministry": [
        "ລັດຖະມົນຕີຊ່ວຍວ່າການ",
        "ຫົວໜ້າກົມແຜນການ ແລະ ການຮ່ວມມື",
        "ຮອງຫົວໜ້າກົມແຜນການ ແລະ ການຮ່ວມມື",
        "ຫົວໜ້າພະແນກຮ່ວມມືສາກົນ",
        "ວິຊາການ, ກົມແຜນການ ແລະ ການຮ່ວມມື",
    ],
    "agency": ["ຮອງຫົວໜ້າ", "ຫົວໜ້າພະແນກແຜນການ ແລະ ການຮ່ວມມື", "ຫົວໜ້າພະແນກ", "ວິຊາການ", "ວິຊາການ"],
    "province": ["ຫົວໜ້າພະແນກແຜນການ ແລະ ການລົງທຶນ"],
    "bilateral": ["Head of Development Cooperation", "Programme Officer", "Programme Manager"],
    "multilateral": ["Country Representative", "Programme Specialist", "Programme Analyst"],
    "ingo": ["Country Director"],
    "npa": ["ຜູ້ອຳນວຍການ"],
    "private": ["ຮອງປະທານ"],
    "academia": ["ຮອງອະທິການບໍດີ"],
}
POSITION_OVERRIDES = {
    ("MPI", 1): "ຮອງຫົວໜ້າກົມຮ່ວມມືສາກົນ",
    ("MPI", 2): "ຫົວໜ້າພະແນກຂະບວນການໂຕະມົນ, ກົມຮ່ວມມືສາກົນ",
    ("MPI", 3): "ວິຊາການ, ກົມຮ່ວມມືສາກົນ",
    ("JP", 0): "Counsellor, Economic Cooperation",
    ("JP", 2): "First Secretary",
    ("SCI", 0): "Education Adviser",
}
# Demo accounts on chosen people: (organisation, rank) → username.
ACCOUNTS = {
    ("MPI", 1): "rtp",
    ("MOH", 1): "health-secretariat",
    ("MOH", 0): "health-chair",
    ("JP", 0): "health-cochair",
    ("SCI", 0): "education-member",
}


def phone_number(n: int) -> str:
    return f"+856 20 {5500 + n:04d} {(n * 7919 + 1234) % 10000:04d}"


def ascii_key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


class NameSource:
    """Deterministic invented names: the same sequence on every run, so emails (the key) stay stable."""

    def __init__(self) -> None:
        rng = random.Random(2026)
        self.lao = [(g, f) for g in LAO_GIVEN for f in LAO_FAMILY]
        rng.shuffle(self.lao)
        self.foreign = {}
        for key, (given, family) in FOREIGN_NAMES.items():
            pairs = [(g, f) for g in given for f in family]
            rng.shuffle(pairs)
            self.foreign[key] = pairs
        self.used = Counter()

    def take(self, pool: str):
        pairs = self.lao if pool == "lao" else self.foreign[pool]
        pair = pairs[self.used[pool] % len(pairs)]
        self.used[pool] += 1
        return pair
