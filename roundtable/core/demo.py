# ruff: noqa: E501  (data tables: organisation names and mandates read better on one line each)
"""Demo of the Round Table structure: organisations, people, forums, SWGs and sub-SWGs, chairs and co-chairs,
stakeholder lists and the demo accounts (password `demo`).

Called by `manage.py load_demo` after the frameworks demo. Idempotent: every record is found by a natural key
(organisation acronym, person email, group code, username, membership person+group+role, chair term
group+role+organisation and its start or, for a current term, its being open) and saved only when it differs,
so a second run neither duplicates nor fills the audit history.

Organisation names are real; every person, email and phone number is invented (example.la / example.org).
Co-chairs follow public information where known; those of Macroeconomics and Natural Resources and Environment,
the sub-SWG co-chairs and all dates are invented for the demo. Some co-chair terms end within the rotation
reminder period so that "rotation due" shows.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.directory.models import Membership, Organisation, Person
from roundtable.frameworks.models import FrameworkItem
from roundtable.groups.models import ChairTerm, Group

PASSWORD = "demo"

# --- organisations ---------------------------------------------------------------------------------
# (acronym, kind, country, English name, Lao name, website, IATI organisation identifier)
ORGANISATIONS = [
    ("MPI", "ministry", "LA", "Ministry of Planning and Investment", "ກະຊວງແຜນການ ແລະ ການລົງທຶນ", "", ""),
    ("MOF", "ministry", "LA", "Ministry of Finance", "ກະຊວງການເງິນ", "", ""),
    ("MOIC", "ministry", "LA", "Ministry of Industry and Commerce", "ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ", "", ""),
    ("MPWT", "ministry", "LA", "Ministry of Public Works and Transport", "ກະຊວງໂຍທາທິການ ແລະ ຂົນສົ່ງ", "", ""),
    ("MAF", "ministry", "LA", "Ministry of Agriculture and Forestry", "ກະຊວງກະສິກຳ ແລະ ປ່າໄມ້", "", ""),
    (
        "MONRE",
        "ministry",
        "LA",
        "Ministry of Natural Resources and Environment",
        "ກະຊວງຊັບພະຍາກອນທຳມະຊາດ ແລະ ສິ່ງແວດລ້ອມ",
        "",
        "",
    ),
    ("MOES", "ministry", "LA", "Ministry of Education and Sports", "ກະຊວງສຶກສາທິການ ແລະ ກິລາ", "", ""),
    ("MOH", "ministry", "LA", "Ministry of Health", "ກະຊວງສາທາລະນະສຸກ", "", ""),
    ("MOHA", "ministry", "LA", "Ministry of Home Affairs", "ກະຊວງພາຍໃນ", "", ""),
    ("MOJ", "ministry", "LA", "Ministry of Justice", "ກະຊວງຍຸຕິທຳ", "", ""),
    (
        "MLSW",
        "ministry",
        "LA",
        "Ministry of Labour and Social Welfare",
        "ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ",
        "",
        "",
    ),
    ("MOFA", "ministry", "LA", "Ministry of Foreign Affairs", "ກະຊວງການຕ່າງປະເທດ", "", ""),
    ("MEM", "ministry", "LA", "Ministry of Energy and Mines", "ກະຊວງພະລັງງານ ແລະ ບໍ່ແຮ່", "", ""),
    (
        "MTC",
        "ministry",
        "LA",
        "Ministry of Technology and Communications",
        "ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ",
        "",
        "",
    ),
    ("BOL", "agency", "LA", "Bank of the Lao PDR", "ທະນາຄານແຫ່ງ ສປປ ລາວ", "https://www.bol.gov.la", ""),
    (
        "LCDC",
        "agency",
        "LA",
        "Lao National Commission for Drug Control and Supervision",
        "ຄະນະກຳມະການແຫ່ງຊາດ ເພື່ອຄວບຄຸມ ແລະ ກວດກາຢາເສບຕິດ",
        "",
        "",
    ),
    (
        "NRA",
        "agency",
        "LA",
        "National Regulatory Authority for the UXO/Mine Action Sector",
        "ອົງການຄຸ້ມຄອງແຫ່ງຊາດ ວຽກງານລະເບີດບໍ່ທັນແຕກ",
        "",
        "",
    ),
    ("UXOLAO", "agency", "LA", "Lao National UXO Programme", "ໂຄງການເກັບກູ້ລະເບີດບໍ່ທັນແຕກແຫ່ງຊາດ", "", ""),
    ("LSB", "agency", "LA", "Lao Statistics Bureau", "ສູນສະຖິຕິແຫ່ງຊາດ", "https://www.lsb.gov.la", ""),
    ("NIER", "agency", "LA", "National Institute for Economic Research", "ສະຖາບັນຄົ້ນຄວ້າເສດຖະກິດແຫ່ງຊາດ", "", ""),
    ("VTE", "province", "LA", "Vientiane Capital", "ນະຄອນຫຼວງວຽງຈັນ", "", ""),
    ("LPB", "province", "LA", "Luang Prabang Province", "ແຂວງຫຼວງພະບາງ", "", ""),
    ("SVK", "province", "LA", "Savannakhet Province", "ແຂວງສະຫວັນນະເຂດ", "", ""),
    ("CPS", "province", "LA", "Champasak Province", "ແຂວງຈຳປາສັກ", "", ""),
    ("XKH", "province", "LA", "Xiengkhouang Province", "ແຂວງຊຽງຂວາງ", "", ""),
    ("HPN", "province", "LA", "Houaphanh Province", "ແຂວງຫົວພັນ", "", ""),
    ("JP", "bilateral", "JP", "Embassy of Japan", "ສະຖານທູດຍີ່ປຸ່ນ", "", ""),
    (
        "JICA",
        "bilateral",
        "JP",
        "Japan International Cooperation Agency",
        "ອົງການຮ່ວມມືສາກົນຍີ່ປຸ່ນ",
        "https://www.jica.go.jp",
        "JP-8",
    ),
    ("AU", "bilateral", "AU", "Australian Embassy", "ສະຖານທູດອົດສະຕຣາລີ", "", "AU-5"),
    ("US", "bilateral", "US", "Embassy of the United States of America", "ສະຖານທູດສະຫະລັດອາເມລິກາ", "", ""),
    (
        "USAID",
        "bilateral",
        "US",
        "United States Agency for International Development",
        "ອົງການ USAID",
        "",
        "US-GOV-1",
    ),
    ("FR", "bilateral", "FR", "Embassy of France", "ສະຖານທູດຝຣັ່ງ", "", ""),
    ("AFD", "bilateral", "FR", "French Development Agency (AFD)", "ອົງການພັດທະນາຝຣັ່ງ", "", "FR-6"),
    ("DE", "bilateral", "DE", "Embassy of the Federal Republic of Germany", "ສະຖານທູດເຢຍລະມັນ", "", ""),
    (
        "GIZ",
        "bilateral",
        "DE",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "ອົງການ GIZ",
        "",
        "",
    ),
    (
        "SDC",
        "bilateral",
        "CH",
        "Swiss Agency for Development and Cooperation",
        "ອົງການພັດທະນາ ແລະ ການຮ່ວມມືສະວິດ",
        "",
        "CH-4",
    ),
    ("KOICA", "bilateral", "KR", "Korea International Cooperation Agency", "ອົງການຮ່ວມມືສາກົນເກົາຫຼີ", "", ""),
    ("LUX", "bilateral", "LU", "Luxembourg Development Cooperation", "ການຮ່ວມມືເພື່ອການພັດທະນາລຸກຊຳບວກ", "", ""),
    ("CN", "bilateral", "CN", "Embassy of the People's Republic of China", "ສະຖານທູດຈີນ", "", ""),
    ("VN", "bilateral", "VN", "Embassy of Viet Nam", "ສະຖານທູດຫວຽດນາມ", "", ""),
    ("TICA", "bilateral", "TH", "Thailand International Cooperation Agency", "ອົງການຮ່ວມມືສາກົນໄທ", "", ""),
    ("UK", "bilateral", "GB", "British Embassy Vientiane", "ສະຖານທູດອັງກິດ", "", ""),
    ("EU", "multilateral", "", "Delegation of the European Union", "ຄະນະຜູ້ແທນສະຫະພາບເອີຣົບ", "", ""),
    (
        "UNRCO",
        "multilateral",
        "",
        "Office of the UN Resident Coordinator",
        "ຫ້ອງການຜູ້ປະສານງານປະຈຳ ອົງການສະຫະປະຊາຊາດ",
        "",
        "",
    ),
    (
        "UNDP",
        "multilateral",
        "",
        "United Nations Development Programme",
        "ອົງການພັດທະນາແຫ່ງສະຫະປະຊາຊາດ",
        "https://www.undp.org/laopdr",
        "XM-DAC-41114",
    ),
    ("WHO", "multilateral", "", "World Health Organization", "ອົງການອະນາໄມໂລກ", "", ""),
    (
        "UNICEF",
        "multilateral",
        "",
        "United Nations Children's Fund",
        "ອົງການຢູນິເຊັບ",
        "https://www.unicef.org/laos",
        "XM-DAC-41122",
    ),
    (
        "FAO",
        "multilateral",
        "",
        "Food and Agriculture Organization of the United Nations",
        "ອົງການອາຫານ ແລະ ການກະເສດ",
        "",
        "",
    ),
    (
        "UNODC",
        "multilateral",
        "",
        "United Nations Office on Drugs and Crime",
        "ຫ້ອງການສະຫະປະຊາຊາດ ວ່າດ້ວຍຢາເສບຕິດ ແລະ ອາຊະຍາກຳ",
        "",
        "",
    ),
    ("UNFPA", "multilateral", "", "United Nations Population Fund", "ກອງທຶນສະຫະປະຊາຊາດເພື່ອປະຊາກອນ", "", ""),
    ("WFP", "multilateral", "", "World Food Programme", "ອົງການອາຫານໂລກ", "", ""),
    (
        "WB",
        "multilateral",
        "",
        "World Bank",
        "ທະນາຄານໂລກ",
        "https://www.worldbank.org/en/country/lao",
        "44000",
    ),
    ("ADB", "multilateral", "", "Asian Development Bank", "ທະນາຄານພັດທະນາອາຊີ", "https://www.adb.org", "46004"),
    (
        "IFAD",
        "multilateral",
        "",
        "International Fund for Agricultural Development",
        "ກອງທຶນສາກົນເພື່ອການພັດທະນາກະສິກຳ",
        "",
        "",
    ),
    ("CARE", "ingo", "", "CARE International in Lao PDR", "ອົງການແຄຣ໌ສາກົນ ປະຈຳ ສປປ ລາວ", "", ""),
    ("SCI", "ingo", "", "Save the Children International", "ອົງການຊ່ວຍເຫຼືອເດັກສາກົນ", "", ""),
    ("PLAN", "ingo", "", "Plan International Laos", "ອົງການແພລນສາກົນ ປະຈຳລາວ", "", ""),
    ("WVL", "ingo", "", "World Vision Laos", "ອົງການສາຍສຳພັນໂລກ ປະຈຳລາວ", "", ""),
    ("HI", "ingo", "", "Humanity & Inclusion", "ອົງການມະນຸດສະທຳ ແລະ ການມີສ່ວນຮ່ວມ", "", ""),
    ("MAG", "ingo", "", "Mines Advisory Group", "ອົງການທີ່ປຶກສາດ້ານລະເບີດ (MAG)", "", ""),
    ("NPA-N", "ingo", "NO", "Norwegian People's Aid", "ອົງການຊ່ວຍເຫຼືອປະຊາຊົນນອກແວ", "", ""),
    ("LDPA", "npa", "LA", "Lao Disabled People's Association", "ສະມາຄົມຄົນພິການລາວ", "", ""),
    ("GDA", "npa", "LA", "Gender Development Association", "ສະມາຄົມພັດທະນາບົດບາດຍິງ-ຊາຍ", "", ""),
    (
        "CDEA",
        "npa",
        "LA",
        "Community Development and Environment Association",
        "ສະມາຄົມພັດທະນາຊຸມຊົນ ແລະ ສິ່ງແວດລ້ອມ",
        "",
        "",
    ),
    (
        "LNCCI",
        "private",
        "LA",
        "Lao National Chamber of Commerce and Industry",
        "ສະພາການຄ້າ ແລະ ອຸດສາຫະກຳແຫ່ງຊາດລາວ",
        "",
        "",
    ),
    (
        "ECCIL",
        "private",
        "LA",
        "European Chamber of Commerce and Industry in Lao PDR",
        "ສະພາການຄ້າເອີຣົບ ໃນ ສປປ ລາວ",
        "",
        "",
    ),
    ("BCEL", "private", "LA", "Banque pour le Commerce Extérieur Lao", "ທະນາຄານການຄ້າຕ່າງປະເທດລາວ", "", ""),
    ("NUOL", "academia", "LA", "National University of Laos", "ມະຫາວິທະຍາໄລແຫ່ງຊາດ", "", ""),
    ("UHS", "academia", "LA", "University of Health Sciences", "ມະຫາວິທະຍາໄລວິທະຍາສາດສຸຂະພາບ", "", ""),
    ("SU", "academia", "LA", "Souphanouvong University", "ມະຫາວິທະຍາໄລສຸພານຸວົງ", "", ""),
]

LEAD_MINISTRIES = {"MPI", "MOF", "MOIC", "MPWT", "MAF", "MONRE", "MOES", "MOH", "MOHA", "MLSW"}
STAFF_BY_KIND = {
    "ministry": 3,
    "agency": 2,
    "province": 1,
    "bilateral": 2,
    "multilateral": 2,
    "ingo": 1,
    "npa": 1,
    "private": 1,
    "academia": 1,
}
STAFF_OVERRIDES = dict.fromkeys(LEAD_MINISTRIES, 5) | {"LCDC": 5, "NRA": 4, "UNDP": 3, "JP": 3}

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

# --- groups ----------------------------------------------------------------------------------------


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
    outcomes: list[str]  # NSEDP outcome codes
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
        ["3", "4"], ["1", "2", "15"],
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


# --- helpers ---------------------------------------------------------------------------------------


def _validate(obj: models.Model, values: dict) -> None:
    """The model's own rules (clean, field validation). Related records are passed as saved instances and
    the natural key is looked up first, so the per-record queries of the foreign-key, unique and constraint
    checks are skipped: the database enforces them anyway, and they made the demo slow on PostgreSQL."""
    related = [key for key, value in values.items() if isinstance(value, models.Model)]
    obj.full_clean(exclude=related, validate_unique=False, validate_constraints=False)


def upsert(model: type[models.Model], lookup: dict, defaults: dict, counts: Counter) -> models.Model:
    """Find by `lookup`; create, or update only the fields of `defaults` that differ (no empty history)."""
    obj = model.objects.filter(**lookup).first()
    name = model._meta.object_name
    if obj is None:
        obj = model(**lookup, **defaults)
        _validate(obj, {**lookup, **defaults})
        obj.save()
        counts[f"{name} created"] += 1
        return obj
    changed = False
    for key, value in defaults.items():
        field = model._meta.get_field(key)
        if field.is_relation:
            current, new = getattr(obj, field.attname), (value.pk if value is not None else None)
        else:
            current, new = getattr(obj, key), value
        if current != new:
            setattr(obj, key, value)
            changed = True
    if changed:
        _validate(obj, {**lookup, **defaults})
        obj.save()
        counts[f"{name} updated"] += 1
    return obj


def _phone(n: int) -> str:
    return f"+856 20 {5500 + n:04d} {(n * 7919 + 1234) % 10000:04d}"


def _ascii(name: str) -> str:
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


# --- the loader ------------------------------------------------------------------------------------


def load(stdout) -> None:
    counts = Run()
    today = timezone.localdate()
    orgs = _organisations(counts)
    staff = _people(orgs, counts)
    users = _accounts(staff, counts)
    outcomes, sdgs = _framework_items()
    forums = _forums(orgs, staff, counts, today)
    swgs = _swgs(orgs, staff, outcomes, sdgs, counts, today)
    _forum_members(forums, swgs, staff, counts)
    counts.flush()
    summary = ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "nothing to change"
    stdout.write(
        f"Structure demo: {len(orgs)} organisations, {sum(len(p) for p in staff.values())} people, "
        f"{len(forums) + sum(1 + len(s) for _, s in swgs.values())} groups, {len(users)} accounts ({summary})."
    )


def _organisations(counts: Counter) -> dict[str, Organisation]:
    orgs = {}
    for acronym, kind, country, name_en, name_lo, website, iati in ORGANISATIONS:
        orgs[acronym] = upsert(
            Organisation,
            {"acronym": acronym},
            {
                "kind": kind,
                "country": country,
                "name_en": name_en,
                "name_lo": name_lo,
                "website": website,
                "iati_identifier": iati,
            },
            counts,
        )
    return orgs


def _people(orgs: dict[str, Organisation], counts: Counter) -> dict[str, list[Person]]:
    names = NameSource()
    staff: dict[str, list[Person]] = {}
    n = 0
    for acronym, kind, country, *_ in ORGANISATIONS:
        people = []
        for rank in range(STAFF_OVERRIDES.get(acronym, STAFF_BY_KIND[kind])):
            n += 1
            partner = kind in {"bilateral", "multilateral"}
            # Heads of partner offices are expatriates; their national staff, and everyone else, are Lao.
            foreign = partner and rank % 2 == 0
            pool = (country if country in FOREIGN_NAMES else "") if foreign else "lao"
            (given_en, given_lo, gender), (family_en, family_lo) = names.take(pool)
            domain = "example.org" if partner or kind == "ingo" else "example.la"
            positions = POSITIONS[kind]
            title = "Dr" if n % 9 == 0 else ("Ms" if gender == "f" else "Mr")
            people.append(
                upsert(
                    Person,
                    {"email": f"{_ascii(given_en)}.{_ascii(family_en)}@{domain}"},
                    {
                        "name_en": f"{given_en} {family_en}",
                        "name_lo": f"{given_lo} {family_lo}",
                        "title": title,
                        "position": POSITION_OVERRIDES.get(
                            (acronym, rank), positions[min(rank, len(positions) - 1)]
                        ),
                        "organisation": orgs[acronym],
                        "phone": _phone(n),
                        "gender": gender,
                        "preferred_language": "en" if foreign or (partner and n % 2) else "lo",
                    },
                    counts,
                )
            )
        for person in people:
            person.organisation = orgs[acronym]  # cached: memberships read it for every group
        staff[acronym] = people
    emails = [p.email for people in staff.values() for p in people]
    assert len(emails) == len(set(emails)), "demo names must give distinct emails"
    return staff


def _accounts(staff: dict[str, list[Person]], counts: Counter) -> dict[str, User]:
    users = {}
    for (acronym, rank), username in ACCOUNTS.items():
        person = staff[acronym][rank]
        users[username] = _user(username, person.email, counts)
        if person.user_id != users[username].pk:
            Person.objects.filter(user=users[username]).exclude(pk=person.pk).update(user=None)
            person.user = users[username]
            person.save()
    rtp_group, _ = AuthGroup.objects.get_or_create(name=RTP_SECRETARIAT_GROUP)
    rtp_group.user_set.add(users["rtp"])
    admin = _user("admin", "admin@example.la", counts)
    if not (admin.is_superuser and admin.is_staff):
        admin.is_superuser = admin.is_staff = True
        admin.save()
    users["admin"] = admin
    return users


def _user(username: str, email: str, counts: Counter) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"email": email})
    if created or not user.has_usable_password():
        user.set_password(PASSWORD)
        user.save()
        counts["accounts created" if created else "accounts updated"] += 1
    return user


def _framework_items() -> tuple[list[FrameworkItem], dict[str, FrameworkItem]]:
    """NSEDP outcomes (every period loaded) and SDG goals, if the frameworks demo has run."""
    outcomes = list(FrameworkItem.objects.nsedp_outcomes().select_related("framework"))
    sdgs = {item.code: item for item in FrameworkItem.objects.sdg_goals()}
    return outcomes, sdgs


class Run(Counter):
    """What one run did (counts by label), plus the memberships it knows and those waiting to be written.

    Memberships are the bulk of the demo (~450): they are read once and new ones written in batches
    with their history, instead of a lookup, an insert and a history insert each.
    """

    def __init__(self) -> None:
        super().__init__()
        self.memberships = {(m.person_id, m.group_id, m.role): m for m in Membership.objects.all()}
        self.pending: list[Membership] = []

    def flush(self) -> None:
        if self.pending:
            bulk_create_with_history(self.pending, Membership)
            self["Membership created"] += len(self.pending)
            self.pending = []


def _member(person: Person, group: Group, role: str, run: Run, *, start=None, end=None) -> None:
    values = {
        "organisation_id": person.organisation_id,
        "start_date": start or date(2022, 1, 1),
        "end_date": end,
    }
    key = (person.pk, group.pk, role)
    existing = run.memberships.get(key)
    if existing is None:
        membership = Membership(person=person, group=group, role=role, **values)
        membership.full_clean(exclude=["person", "group", "organisation"], validate_constraints=False)
        run.memberships[key] = membership
        run.pending.append(membership)
    elif any(getattr(existing, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        run["Membership updated"] += 1


def _current_term(group, role, org, person, counts, *, start, planned_end=None) -> ChairTerm:
    return upsert(
        ChairTerm,
        {"group": group, "role": role, "organisation": org, "ended_on": None},
        {"person": person, "start_date": start, "planned_end": planned_end},
        counts,
    )


def _forums(orgs, staff, counts, today) -> list[Group]:
    forums = []
    for order, (code, forum_kind, name_en, name_lo, mandate_en, mandate_lo) in enumerate(FORUMS, start=1):
        group = upsert(
            Group,
            {"code": code},
            {
                "kind": "forum",
                "forum_kind": forum_kind,
                "name_en": name_en,
                "name_lo": name_lo,
                "mandate_en": mandate_en,
                "mandate_lo": mandate_lo,
                "lead_ministry": orgs["MPI"],
                "parent": None,
                "order": order,
                "is_active": True,
            },
            counts,
        )
        chair = staff["MPI"][2 if code == "consultations" else 0]
        _current_term(group, "chair", orgs["MPI"], chair, counts, start=CHAIR_SINCE)
        cochair_org = orgs[FORUM_COCHAIR[code]]
        _current_term(group, "cochair", cochair_org, staff[cochair_org.acronym][0], counts, start=CHAIR_SINCE)
        for rank in (1, 2, 3):
            _member(staff["MPI"][rank], group, "secretariat", counts)
        forums.append(group)
    return forums


def _swgs(orgs, staff, outcomes, sdgs, counts, today) -> dict[str, tuple[Group, list[Group]]]:
    result = {}
    for order, spec in enumerate(SWGS, start=1):
        lead, lead_staff = orgs[spec.lead], staff[spec.lead]
        group = upsert(
            Group,
            {"code": spec.code},
            {
                "kind": "swg",
                "forum_kind": "",
                "name_en": spec.name_en,
                "name_lo": spec.name_lo,
                "mandate_en": spec.mandate_en,
                "mandate_lo": spec.mandate_lo,
                "lead_ministry": lead,
                "parent": None,
                "order": 10 + order,
                "is_active": True,
            },
            counts,
        )
        group.nsedp_outcomes.set([item for item in outcomes if item.code in spec.outcomes])
        group.sdgs.set([sdgs[code] for code in spec.sdgs if code in sdgs])

        # Government chair: the vice-minister of the lead ministry; the planning department is the secretariat.
        _current_term(group, "chair", lead, lead_staff[0], counts, start=CHAIR_SINCE)
        _member(lead_staff[0], group, "member", counts)
        for rank in (1, 2):
            _member(lead_staff[rank], group, "secretariat", counts)
        for rank in (3, 4):
            _member(lead_staff[rank], group, "member", counts)

        # Development-partner co-chairs: terms of two years that started at different times.
        for i, (acronym, rank) in enumerate(spec.cochairs):
            days_left = ROTATION_DUE.get((spec.code, acronym), 400 + 90 * i + 11 * order)
            planned_end = today + timedelta(days=days_left)
            start = planned_end - timedelta(days=730)
            person = staff[acronym][rank]
            _current_term(
                group, "cochair", orgs[acronym], person, counts, start=start, planned_end=planned_end
            )
            _member(person, group, "member", counts)
        for code, acronym, rank, start, end, reason in PAST_COCHAIRS:
            if code == spec.code:
                upsert(
                    ChairTerm,
                    {"group": group, "role": "cochair", "organisation": orgs[acronym], "start_date": start},
                    {
                        "person": staff[acronym][rank],
                        "planned_end": end,
                        "ended_on": end,
                        "change_reason": reason,
                    },
                    counts,
                )

        # The rest of the stakeholder list: one person from each member organisation (a technical officer
        # for a ministry, and people spread over the partners' staff).
        members = []
        for i, acronym in enumerate(spec.members):
            people = staff[acronym]
            person = people[-1] if orgs[acronym].kind == "ministry" else people[(order + i) % len(people)]
            _member(person, group, "member", counts)
            members.append(person)
        # Someone who left, so that the list shows ended memberships too.
        counts.flush()
        taken = set(Membership.objects.filter(group=group).values_list("person_id", flat=True))
        former = next(
            (p for acronym in reversed(spec.members) for p in staff[acronym] if p.pk not in taken), None
        )
        if former is not None and not Membership.objects.filter(group=group, end_date__isnull=False).exists():
            _member(former, group, "member", counts, start=date(2021, 1, 1), end=date(2024, 6, 30))

        subs = _sub_swgs(spec, group, lead, lead_staff, members, orgs, staff, counts)
        result[spec.code] = (group, subs)
    return result


def _sub_swgs(spec, parent, lead, lead_staff, members, orgs, staff, counts) -> list[Group]:
    subs = []
    today = timezone.localdate()
    for i, (suffix, name_en, name_lo) in enumerate(spec.subs):
        sub = upsert(
            Group,
            {"code": f"{spec.code}-{suffix}"},
            {
                "kind": "subswg",
                "forum_kind": "",
                "name_en": name_en,
                "name_lo": name_lo,
                "mandate_en": f"Technical work of the {spec.name_en} SWG on {name_en.lower()}: analysis, "
                f"recommendations and follow-up for the SWG.",
                "mandate_lo": f"ວຽກງານວິຊາການ ຂອງໜ່ວຍງານຂະແໜງການ{spec.name_lo} ດ້ານ{name_lo}: "
                f"ການວິເຄາະ, ຂໍ້ສະເໜີ ແລະ ການຕິດຕາມ ໃຫ້ໜ່ວຍງານຂະແໜງການ.",
                "lead_ministry": lead,
                "parent": parent,
                "order": i + 1,
                "is_active": True,
            },
            counts,
        )
        _current_term(sub, "chair", lead, lead_staff[2], counts, start=date(2022, 1, 1))
        cochair_acronym, _rank = spec.cochairs[i % len(spec.cochairs)]
        cochair = staff[cochair_acronym][-1]
        _current_term(
            sub,
            "cochair",
            orgs[cochair_acronym],
            cochair,
            counts,
            start=date(2024, 1, 1),
            planned_end=today + timedelta(days=500 + 30 * i),
        )
        _member(lead_staff[3], sub, "secretariat", counts)
        for person in [cochair, *members[i : i + 5]]:
            _member(person, sub, "member", counts)
        subs.append(sub)
    return subs


def _forum_members(forums, swgs, staff, counts) -> None:
    """Chairs and co-chairs of every SWG sit in the meeting of chairs and co-chairs and in the RTIM."""
    by_code = {group.code: group for group in forums}
    terms = ChairTerm.objects.current().filter(group__kind="swg").select_related("person")
    for term in terms:
        if term.person is None:
            continue
        for code in ("swg-chairs", "rtim"):
            _member(term.person, by_code[code], "member", counts)
    for acronym in ("UNRCO", "UNDP", "WB", "ADB", "EU", "JP", "AU", "US", "CN", "VN"):
        _member(staff[acronym][0], by_code["hlrtm"], "member", counts)
