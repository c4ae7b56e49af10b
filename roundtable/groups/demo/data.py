# ruff: noqa: E501  (data tables: group names and mandates read better on one line each)
"""Demo data: the Round Table forums, the ten SWGs with their sub-SWGs, lead ministries, co-chairs and members.

Co-chairs follow public information where known; those of Macroeconomics and Natural Resources and Environment,
the sub-SWG co-chairs and all dates are invented for the demo. Some co-chair terms end within the rotation
reminder period so that "rotation due" shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class GroupSpec:
    code: str
    name_en: str
    name_lo: str
    lead: str
    mandate_en: str
    mandate_lo: str
    cochairs: list[tuple[str, int]]  # (organisation, rank of its representative)
    members: list[str]  # organisations that send a member
    subs: list[tuple[str, str, str]]  # (code suffix, English name, Lao name)
    outcomes: list[str]  # NSEDP outcome codes (of the 9th and the 10th: the same six areas in the same order)
    sdgs: list[str]  # SDG codes


FORUMS = [
    (
        "hlrtm",
        "hlrtm",
        "High-Level Round Table Meeting",
        "ກອງປະຊຸມໂຕະມົນລະດັບສູງ",
        "Held every three to five years: the Government and its development partners review the national "
        "development plan and agree on their partnership for the next one.",
        "ຈັດຂຶ້ນທຸກໆ 3 ຫາ 5 ປີ: ລັດຖະບານ ແລະ ຄູ່ຮ່ວມພັດທະນາ ທົບທວນແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ "
        "ແລະ ຕົກລົງກ່ຽວກັບການເປັນຄູ່ຮ່ວມ ສຳລັບແຜນຕໍ່ໄປ.",
    ),
    (
        "rtim",
        "rtim",
        "Round Table Implementation Meeting",
        "ກອງປະຊຸມທົບທວນການຈັດຕັ້ງປະຕິບັດ ຂະບວນການໂຕະມົນ",
        "Held every year to review the progress of the NSEDP and the work of the Sector Working Groups.",
        "ຈັດຂຶ້ນທຸກປີ ເພື່ອທົບທວນຄວາມຄືບໜ້າຂອງການຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ ແລະ ວຽກງານຂອງໜ່ວຍງານຂະແໜງການ.",
    ),
    (
        "swg-chairs",
        "chairs",
        "Meeting of SWG chairs and co-chairs",
        "ກອງປະຊຸມປະທານ ແລະ ປະທານຮ່ວມ ໜ່ວຍງານຂະແໜງການ",
        "Brings the chairs and co-chairs of all Sector Working Groups together before each RTIM to agree on "
        "shared issues and on the road map.",
        "ເຕົ້າໂຮມປະທານ ແລະ ປະທານຮ່ວມ ຂອງທຸກໜ່ວຍງານຂະແໜງການ ກ່ອນກອງປະຊຸມທົບທວນປະຈຳປີ ເພື່ອຕົກລົງບັນຫາຮ່ວມ ແລະ ແຜນດໍາເນີນງານ.",
    ),
    (
        "consultations",
        "consultation",
        "Technical and preparatory consultations",
        "ກອງປະຊຸມປຶກສາຫາລືດ້ານວິຊາການ ແລະ ກອງປະຊຸມກະກຽມ",
        "Technical consultations, chaired by the Director General of the RTP Secretariat's department and "
        "co-chaired by UNDP, that prepare the Round Table meetings.",
        "ກອງປະຊຸມປຶກສາຫາລືດ້ານວິຊາການ ເປັນປະທານໂດຍຫົວໜ້າກົມຂອງກອງເລຂາຂະບວນການໂຕະມົນ "
        "ແລະ ເປັນປະທານຮ່ວມໂດຍ UNDP ເພື່ອກະກຽມກອງປະຊຸມໂຕະມົນ.",
    ),
]
FORUM_COCHAIR = {"hlrtm": "UNRCO", "rtim": "UNRCO", "swg-chairs": "UNRCO", "consultations": "UNDP"}

SWGS = [
    GroupSpec(
        "macro", "Macroeconomics", "ເສດຖະກິດມະຫາພາກ", "MOF",
        "Dialogue between the Government and development partners on macroeconomic stability, public finance "
        "and debt, and the financing of the NSEDP.",
        "ເວທີປຶກສາຫາລືລະຫວ່າງລັດຖະບານ ແລະ ຄູ່ຮ່ວມພັດທະນາ ກ່ຽວກັບສະຖຽນລະພາບເສດຖະກິດມະຫາພາກ, "
        "ການເງິນສາທາລະນະ ແລະ ໜີ້ສິນ, ແລະ ແຫຼ່ງທຶນເພື່ອຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ.",
        [("WB", 0), ("ADB", 0)],
        ["MPI", "BOL", "LSB", "NIER", "EU", "JICA", "UNDP", "AU", "UNRCO", "LNCCI", "NUOL"],
        [], ["1"], ["8", "17"],
    ),
    GroupSpec(
        "trade", "Trade and Private Sector Development", "ການຄ້າ ແລະ ການພັດທະນາພາກເອກະຊົນ", "MOIC",
        "Coordinates support to trade facilitation, the business environment and the growth of small and "
        "medium enterprises.",
        "ປະສານງານການສະໜັບສະໜູນດ້ານການອຳນວຍຄວາມສະດວກທາງການຄ້າ, ສະພາບແວດລ້ອມການດຳເນີນທຸລະກິດ "
        "ແລະ ການຂະຫຍາຍຕົວຂອງວິສາຫະກິດຂະໜາດນ້ອຍ ແລະ ກາງ.",
        [("EU", 0), ("US", 0)],
        ["MOF", "MPI", "BOL", "DE", "GIZ", "AU", "WB", "ADB", "LNCCI", "ECCIL", "BCEL", "USAID"],
        [], ["1", "5"], ["8", "9", "17"],
    ),
    GroupSpec(
        "infrastructure", "Infrastructure", "ພື້ນຖານໂຄງລ່າງ", "MPWT",
        "Coordinates investment and policy in transport, water supply, sanitation and urban development, so "
        "that the country becomes land-linked.",
        "ປະສານງານການລົງທຶນ ແລະ ນະໂຍບາຍດ້ານການຂົນສົ່ງ, ການສະໜອງນ້ຳປະປາ, ສຸຂາພິບານ ແລະ ການພັດທະນາຕົວເມືອງ "
        "ເພື່ອຫັນປະເທດເປັນປະເທດເຊື່ອມຈອດ.",
        [("JICA", 0), ("ADB", 1), ("WB", 1)],
        ["MPI", "MOF", "MEM", "MTC", "VTE", "LPB", "KOICA", "CN", "AFD", "LUX", "UNICEF"],
        [
            ("dev", "Infrastructure Development", "ການພັດທະນາພື້ນຖານໂຄງລ່າງ"),
            ("transport", "Transport", "ຂົນສົ່ງ"),
            ("wsud", "Water Supply, Sanitation and Urban Development", "ການສະໜອງນ້ຳປະປາ, ສຸຂາພິບານ ແລະ ການພັດທະນາຕົວເມືອງ"),
        ],
        ["5"], ["6", "9", "11"],
    ),
    GroupSpec(
        "agriculture", "Agriculture and Rural Development", "ກະສິກຳ ແລະ ພັດທະນາຊົນນະບົດ", "MAF",
        "Aligns partners' support with the agriculture development strategy: food security, commercial "
        "farming, forestry and rural development.",
        "ເຮັດໃຫ້ການສະໜັບສະໜູນຂອງຄູ່ຮ່ວມພັດທະນາ ສອດຄ່ອງກັບຍຸດທະສາດພັດທະນາກະສິກຳ: ຄວາມໝັ້ນຄົງດ້ານສະບຽງອາຫານ, "
        "ການຜະລິດກະສິກຳເປັນສິນຄ້າ, ປ່າໄມ້ ແລະ ການພັດທະນາຊົນນະບົດ.",
        [("FR", 0), ("FAO", 0)],
        ["MONRE", "MPI", "AFD", "IFAD", "WFP", "SDC", "GIZ", "CDEA", "CPS", "SVK", "SU"],
        [
            ("farmers", "Farmers and Agribusiness", "ຊາວກະສິກອນ ແລະ ທຸລະກິດກະສິກຳ"),
            ("agrobio", "Agro-biodiversity", "ຊີວະນາໆພັນດ້ານກະສິກຳ"),
            ("forestry", "Forestry", "ປ່າໄມ້"),
            ("rural", "Rural Development", "ການພັດທະນາຊົນນະບົດ"),
        ],
        ["1", "3", "4"], ["1", "2", "15"],
    ),
    GroupSpec(
        "environment", "Natural Resources and Environment", "ຊັບພະຍາກອນທຳມະຊາດ ແລະ ສິ່ງແວດລ້ອມ", "MONRE",
        "Dialogue on natural resources management, environmental protection, climate change and disaster risk "
        "reduction.",
        "ເວທີປຶກສາຫາລືກ່ຽວກັບການຄຸ້ມຄອງຊັບພະຍາກອນທຳມະຊາດ, ການປົກປັກຮັກສາສິ່ງແວດລ້ອມ, "
        "ການປ່ຽນແປງດິນຟ້າອາກາດ ແລະ ການຫຼຸດຜ່ອນຄວາມສ່ຽງຈາກໄພພິບັດ.",
        [("DE", 0), ("UNDP", 2)],
        ["MAF", "MEM", "MPI", "GIZ", "WB", "ADB", "EU", "FAO", "CDEA", "NUOL", "LPB"],
        [], ["4"], ["6", "13", "15"],
    ),
    GroupSpec(
        "education", "Education", "ສຶກສາ", "MOES",
        "Coordinates the Education and Sports Sector Development Plan with development partners: access, quality "
        "and management of education at all levels.",
        "ປະສານງານກັບຄູ່ຮ່ວມພັດທະນາ ໃນການຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາຂະແໜງການສຶກສາ ແລະ ກິລາ: ການເຂົ້າເຖິງ, "
        "ຄຸນນະພາບ ແລະ ການຄຸ້ມຄອງການສຶກສາທຸກຂັ້ນ.",
        [("AU", 0), ("EU", 1)],
        ["MOF", "MPI", "UNICEF", "WB", "ADB", "JICA", "WFP", "SCI", "PLAN", "USAID", "NUOL", "HPN"],
        [
            ("basic", "Basic Education", "ການສຶກສາຂັ້ນພື້ນຖານ"),
            ("postbasic", "Post-Basic Education", "ການສຶກສາຫຼັງຂັ້ນພື້ນຖານ"),
            (
                "management",
                "Education Management, Administration and Performance Assessment",
                "ການຄຸ້ມຄອງ, ການບໍລິຫານ ແລະ ການປະເມີນຜົນການສຶກສາ",
            ),
            ("research", "Education Research and Analysis", "ການຄົ້ນຄວ້າ ແລະ ວິເຄາະການສຶກສາ"),
            ("sports", "Sports", "ກິລາ"),
        ],
        ["2"], ["4"],
    ),
    GroupSpec(
        "health", "Health", "ສາທາລະນະສຸກ", "MOH",
        "Coordinates the Health Sector Development Plan and the health sector reform with development partners, "
        "towards universal health coverage.",
        "ປະສານງານກັບຄູ່ຮ່ວມພັດທະນາ ໃນການຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາຂະແໜງການສາທາລະນະສຸກ "
        "ແລະ ການປະຕິຮູບຂະແໜງການສາທາລະນະສຸກ ໄປສູ່ການປົກຄຸມດ້ານສຸຂະພາບຢ່າງທົ່ວເຖິງ.",
        [("JP", 0), ("WHO", 0)],
        ["MOF", "MPI", "LSB", "UNICEF", "UNFPA", "WB", "ADB", "KOICA", "LUX", "USAID", "CARE", "UHS", "GDA"],
        [
            ("hpf", "Health Planning and Finance", "ແຜນການ ແລະ ການເງິນສາທາລະນະສຸກ"),
            ("hr", "Human Resources for Health", "ຊັບພະຍາກອນມະນຸດດ້ານສາທາລະນະສຸກ"),
            ("mchn", "Mother and Child Health and Nutrition", "ສຸຂະພາບແມ່ ແລະ ເດັກ ແລະ ໂພຊະນາການ"),
            ("care", "Health Care", "ການບໍລິການປິ່ນປົວ"),
            ("fd", "Food and Drug", "ອາຫານ ແລະ ຢາ"),
            ("hhp", "Hygiene and Health Promotion", "ສຸຂະອະນາໄມ ແລະ ການສົ່ງເສີມສຸຂະພາບ"),
        ],
        ["2", "3"], ["3", "2"],
    ),
    GroupSpec(
        "governance", "Governance", "ການຄຸ້ມຄອງລັດ", "MOHA",
        "Dialogue on public administration reform, public service delivery, the rule of law and access to "
        "justice.",
        "ເວທີປຶກສາຫາລືກ່ຽວກັບການປະຕິຮູບການບໍລິຫານລັດ, ການໃຫ້ບໍລິການສາທາລະນະ, ລັດແຫ່ງກົດໝາຍ "
        "ແລະ ການເຂົ້າເຖິງຍຸຕິທຳ.",
        [("UNDP", 0), ("SDC", 0)],
        ["MOJ", "MOF", "MPI", "MOFA", "EU", "DE", "LUX", "AU", "UK", "GDA", "LDPA", "VTE"],
        [
            ("psi", "Public Service Improvement", "ການປັບປຸງການບໍລິການສາທາລະນະ"),
            ("legal", "Legal and Institutional Oversight", "ການກວດກາດ້ານກົດໝາຍ ແລະ ສະຖາບັນ"),
        ],
        ["6"], ["16", "5"],
    ),
    GroupSpec(
        "drugs", "Illicit Drug Control", "ການຄວບຄຸມຢາເສບຕິດ", "LCDC",
        "Coordinates the national drug control master plan: prevention, treatment, alternative development and "
        "law enforcement.",
        "ປະສານງານການຈັດຕັ້ງປະຕິບັດແຜນແມ່ບົດແຫ່ງຊາດ ວ່າດ້ວຍການຄວບຄຸມຢາເສບຕິດ: ການປ້ອງກັນ, ການບຳບັດປິ່ນປົວ, "
        "ການພັດທະນາທາງເລືອກ ແລະ ການບັງຄັບໃຊ້ກົດໝາຍ.",
        [("JP", 2), ("AU", 1), ("UNODC", 0)],
        ["MOH", "MOJ", "MOFA", "MPI", "US", "CN", "TICA", "VN", "EU", "HPN"],
        [("crime", "Crime", "ອາຊະຍາກຳ")],
        ["3", "6"], ["3", "16"],
    ),
    GroupSpec(
        "uxo", "Mine Action/UXO", "ວຽກງານລະເບີດບໍ່ທັນແຕກ", "MLSW",
        "Coordinates the UXO sector towards SDG 18: survey and clearance, risk education and assistance to "
        "survivors.",
        "ປະສານງານວຽກງານລະເບີດບໍ່ທັນແຕກ ໄປສູ່ເປົ້າໝາຍການພັດທະນາແບບຍືນຍົງທີ 18: ການສຳຫຼວດ ແລະ ເກັບກູ້, "
        "ການໂຄສະນາສຶກສາໄພອັນຕະລາຍ ແລະ ການຊ່ວຍເຫຼືອຜູ້ເຄາະຮ້າຍ.",
        [("UNDP", 1), ("US", 1)],
        ["NRA", "UXOLAO", "MOH", "MOES", "MPI", "MAG", "HI", "NPA-N", "KOICA", "XKH", "HPN", "LDPA"],
        [
            ("clearance", "Clearance", "ການເກັບກູ້"),
            ("mre", "Mine Risk Education", "ການໂຄສະນາສຶກສາໄພອັນຕະລາຍຈາກລະເບີດບໍ່ທັນແຕກ"),
            ("va", "Victim Assistance", "ການຊ່ວຍເຫຼືອຜູ້ເຄາະຮ້າຍ"),
        ],
        ["3"], ["18", "1"],
    ),
]  # fmt: skip

# Co-chair terms that end soon, so that the RTP Secretariat sees "rotation due": (group, organisation) → days.
ROTATION_DUE = {("health", "WHO"): 45, ("agriculture", "FAO"): 20, ("uxo", "US"): 75}
# Earlier co-chairs, for the history of who chaired when: (group, organisation, rank, start, end, reason).
PAST_COCHAIRS = [
    ("trade", "DE", 0, date(2018, 1, 1), date(2021, 12, 31), "Rotation at the end of the term."),
    ("trade", "AU", 0, date(2019, 7, 1), date(2022, 6, 30), "Rotation at the end of the term."),
    ("health", "LUX", 0, date(2019, 1, 1), date(2021, 12, 31), "Rotation: WHO took over the co-chair."),
    ("education", "UNICEF", 0, date(2019, 1, 1), date(2022, 12, 31), "Rotation at the end of the term."),
    ("governance", "EU", 0, date(2018, 1, 1), date(2020, 12, 31), "Rotation: SDC took over the co-chair."),
    ("uxo", "AU", 0, date(2019, 1, 1), date(2021, 12, 31), "Rotation at the end of the term."),
]
CHAIR_SINCE = date(2021, 6, 1)

# The 8th NSEDP (2016–2020) had three outcomes: where each of the later plans' six falls in them
# (growth and integration in 1; people, living standards and governance in 2; environment in 3).
EARLIER_OUTCOMES = {"nsedp-8": {"1": "1", "2": "2", "3": "2", "4": "3", "5": "1", "6": "2"}}
