# ruff: noqa: E501  (data tables read better on one line each)
"""Demo data: 18 real development partners in the Lao PDR and the kinds of activities they fund.

Partner names and IATI organisation identifiers are real: where the directory has the identifier it is the
directory's; the others are the partners' published ones, and the importer matches them to the directory by
name (three on purpose it cannot match: they wait on the review list, as they would in real life). Every
activity, amount and date is invented for the demo, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

# theme code: (DAC code(s) with percentages, English title, Lao title)
THEMES = {
    "phc": ([("12220", 100)], "Primary health care", "ການບໍລິການສາທາລະນະສຸກຂັ້ນພື້ນຖານ"),
    "nutrition": ([("12240", 70), ("11220", 30)], "Mother and child nutrition", "ໂພຊະນາການແມ່ ແລະ ເດັກ"),
    "maternal": ([("13020", 100)], "Maternal health services", "ການບໍລິການສຸຂະພາບແມ່"),
    "primary": ([("11220", 100)], "Quality of primary schools", "ຄຸນນະພາບຂອງໂຮງຮຽນປະຖົມ"),
    "skills": ([("11330", 100)], "Vocational and technical skills", "ທັກສະວິຊາຊີບ ແລະ ເຕັກນິກ"),
    "roads": ([("21020", 100)], "Rural roads", "ທາງຊົນນະບົດ"),
    "water": ([("14030", 100)], "Clean water and sanitation", "ນ້ຳສະອາດ ແລະ ສຸຂາພິບານ"),
    "farming": ([("31120", 100)], "Smallholder farming", "ການຜະລິດກະສິກຳຂອງຊາວກະສິກອນ"),
    "forests": (
        [("31220", 60), ("41030", 40)],
        "Forest landscapes and biodiversity",
        "ການຄຸ້ມຄອງປ່າໄມ້ ແລະ ຊີວະນາໆພັນ",
    ),
    "resilience": (
        [("43060", 100)],
        "Climate and disaster resilience",
        "ການຮັບມືກັບໄພພິບັດ ແລະ ການປ່ຽນແປງດິນຟ້າອາກາດ",
    ),
    "pfm": ([("15111", 100)], "Public finance management", "ການຄຸ້ມຄອງການເງິນສາທາລະນະ"),
    "law": ([("15130", 100)], "Rule of law and access to justice", "ການປົກຄອງດ້ວຍກົດໝາຍ ແລະ ການເຂົ້າເຖິງຄວາມຍຸຕິທຳ"),
    "public_service": ([("15110", 100)], "Better public services", "ການປັບປຸງການບໍລິການສາທາລະນະ"),
    "trade": ([("33120", 100)], "Trade facilitation", "ການອຳນວຍຄວາມສະດວກທາງການຄ້າ"),
    "sme": ([("32130", 100)], "Small and medium enterprises", "ວິສາຫະກິດຂະໜາດນ້ອຍ ແລະ ກາງ"),
    "uxo": ([("15250", 100)], "UXO clearance", "ການເກັບກູ້ລະເບີດບໍ່ທັນແຕກ"),
    "drugs": ([("16063", 100)], "Drug control and alternative livelihoods", "ການຄວບຄຸມຢາເສບຕິດ ແລະ ອາຊີບທົດແທນ"),
    "school_meals": ([("11250", 100)], "School meals", "ອາຫານໂຮງຮຽນ"),
    "rural": ([("43040", 100)], "Rural development", "ການພັດທະນາຊົນນະບົດ"),
    "multisector": ([("43010", 100)], "Multi-sector programme support", "ການສະໜັບສະໜູນຫຼາຍຂະແໜງການ"),
}


@dataclass(frozen=True)
class DemoPartner:
    acronym: str  # the directory's
    ref: str  # IATI organisation identifier (the directory's, or the partner's published one)
    name: str  # as the partner publishes it
    type: str  # IATI OrganisationType: 10 government, 40 multilateral
    currency: str
    themes: tuple[str, ...]
    scale: int  # a typical commitment, in the partner's currency


PARTNERS = [
    DemoPartner(
        "JICA",
        "JP-8",
        "Japan International Cooperation Agency",
        "10",
        "JPY",
        ("roads", "phc", "water", "primary"),
        900_000_000,
    ),
    DemoPartner(
        "AU",
        "AU-5",
        "Australia - Department of Foreign Affairs and Trade",
        "10",
        "AUD",
        ("primary", "uxo", "trade"),
        9_000_000,
    ),
    DemoPartner(
        "USAID",
        "US-GOV-1",
        "United States Agency for International Development",
        "10",
        "USD",
        ("uxo", "nutrition", "sme"),
        8_000_000,
    ),
    DemoPartner(
        "AFD",
        "FR-6",
        "Agence Française de Développement",
        "10",
        "EUR",
        ("farming", "forests", "water"),
        12_000_000,
    ),
    DemoPartner(
        "SDC",
        "CH-4",
        "Swiss Agency for Development and Cooperation",
        "10",
        "CHF",
        ("farming", "public_service", "skills"),
        6_000_000,
    ),
    DemoPartner(
        "UNDP",
        "XM-DAC-41114",
        "United Nations Development Programme",
        "40",
        "USD",
        ("public_service", "uxo", "resilience", "law"),
        4_000_000,
    ),
    DemoPartner(
        "UNICEF",
        "XM-DAC-41122",
        "United Nations Children's Fund",
        "40",
        "USD",
        ("nutrition", "primary", "water"),
        3_000_000,
    ),
    DemoPartner("WB", "44000", "World Bank", "40", "USD", ("pfm", "roads", "phc", "resilience"), 35_000_000),
    DemoPartner(
        "ADB", "46004", "Asian Development Bank", "40", "USD", ("roads", "water", "skills"), 40_000_000
    ),
    DemoPartner(
        "WHO", "XM-DAC-928", "World Health Organization", "40", "USD", ("phc", "maternal"), 2_500_000
    ),
    DemoPartner(
        "FAO",
        "XM-DAC-41301",
        "Food and Agriculture Organization of the United Nations",
        "40",
        "USD",
        ("farming", "forests"),
        2_000_000,
    ),
    DemoPartner(
        "WFP", "XM-DAC-41140", "World Food Programme", "40", "USD", ("school_meals", "nutrition"), 3_500_000
    ),
    DemoPartner("UNFPA", "41119", "United Nations Population Fund", "40", "USD", ("maternal",), 1_500_000),
    DemoPartner(
        "IFAD",
        "XM-DAC-988",
        "International Fund for Agricultural Development",
        "40",
        "USD",
        ("farming", "rural"),
        15_000_000,
    ),
    DemoPartner(
        "KOICA",
        "KR-GOV-010",
        "Korea International Cooperation Agency",
        "10",
        "USD",
        ("phc", "skills"),
        5_000_000,
    ),
    DemoPartner(
        "EU",
        "XI-IATI-EC_INTPA",
        "European Commission - International Partnerships",
        "40",
        "EUR",
        ("primary", "forests", "multisector"),
        20_000_000,
    ),
    DemoPartner(
        "GIZ",
        "XM-DAC-5-7",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH",
        "10",
        "EUR",
        ("skills", "trade", "forests"),
        7_000_000,
    ),
    DemoPartner(
        "UK",
        "GB-GOV-1",
        "UK - Foreign, Commonwealth and Development Office",
        "10",
        "GBP",
        ("uxo", "multisector"),
        4_000_000,
    ),
]

PROVINCES = [
    ("LA-SV", "Savannakhet"),
    ("LA-LP", "Luang Prabang"),
    ("LA-CH", "Champasak"),
    ("LA-HO", "Houaphanh"),
    ("LA-XI", "Xiengkhouang"),
    ("LA-OU", "Oudomxay"),
    ("LA-AT", "Attapeu"),
    ("LA-PH", "Phongsaly"),
    ("LA-VT", "Vientiane Capital"),
    ("LA-SL", "Salavan"),
]

IMPLEMENTERS = {
    "phc": "Ministry of Health",
    "maternal": "Ministry of Health",
    "nutrition": "Ministry of Health",
    "primary": "Ministry of Education and Sports",
    "skills": "Ministry of Education and Sports",
    "school_meals": "Ministry of Education and Sports",
    "roads": "Ministry of Public Works and Transport",
    "water": "Ministry of Public Works and Transport",
    "farming": "Ministry of Agriculture and Forestry",
    "rural": "Ministry of Agriculture and Forestry",
    "forests": "Ministry of Agriculture and Forestry",
    "resilience": "Ministry of Natural Resources and Environment",
    "pfm": "Ministry of Finance",
    "law": "Ministry of Justice",
    "public_service": "Ministry of Home Affairs",
    "trade": "Ministry of Industry and Commerce",
    "sme": "Ministry of Industry and Commerce",
    "uxo": "National Regulatory Authority for the UXO/Mine Action Sector",
    "drugs": "Lao National Commission for Drug Control and Supervision",
    "multisector": "Ministry of Planning and Investment",
}

# Monthly rates: units per US dollar at the start of each year (2021–2027), the months between interpolated.
# Illustrative figures for the demo, not official rates.
RATE_ANCHORS = {
    "LAK": [9_300, 11_200, 17_300, 20_500, 21_900, 21_700, 21_600],
    "EUR": [0.82, 0.88, 0.95, 0.91, 0.96, 0.88, 0.86],
    "JPY": [104, 115, 131, 142, 157, 148, 146],
    "AUD": [1.30, 1.38, 1.47, 1.47, 1.61, 1.55, 1.53],
    "CHF": [0.89, 0.92, 0.93, 0.84, 0.91, 0.82, 0.80],
    "GBP": [0.73, 0.74, 0.83, 0.79, 0.80, 0.76, 0.75],
}
# A month whose rate the demo leaves out, so that the rates page lists what is missing.
MISSING_RATE = ("GBP", 2026, 10)

# A small export of the national ODA database: partners that publish no IATI data. Invented figures.
ODA_CSV = """Project ID,Project title,Project title (Lao),Development partner,Year,Commitment,Disbursement,Currency,DAC code,Start date,End date,Province,Status
LA-ODA-0101,Friendship hospital extension,ການຂະຫຍາຍໂຮງໝໍມິດຕະພາບ,Embassy of the People's Republic of China,2023,12000000,4000000,USD,12191,2023-01-01,2026-12-31,Vientiane Capital,Implementation
LA-ODA-0101,Friendship hospital extension,ການຂະຫຍາຍໂຮງໝໍມິດຕະພາບ,Embassy of the People's Republic of China,2024,,5000000,USD,12191,2023-01-01,2026-12-31,Vientiane Capital,Implementation
LA-ODA-0101,Friendship hospital extension,ການຂະຫຍາຍໂຮງໝໍມິດຕະພາບ,Embassy of the People's Republic of China,2025,,2500000,USD,12191,2023-01-01,2026-12-31,Vientiane Capital,Implementation
LA-ODA-0102,Vocational school equipment,ອຸປະກອນໂຮງຮຽນວິຊາຊີບ,Embassy of Viet Nam,2024,1500000,900000,USD,11330,2024-01-01,2025-12-31,Savannakhet,Implementation
LA-ODA-0103,Agricultural extension centres,ສູນສົ່ງເສີມກະສິກຳ,Thailand International Cooperation Agency,2024,800000,300000,USD,31166,2024-03-01,2026-02-28,Champasak,Implementation
LA-ODA-0103,Agricultural extension centres,ສູນສົ່ງເສີມກະສິກຳ,Thailand International Cooperation Agency,2025,,350000,USD,31166,2024-03-01,2026-02-28,Champasak,Implementation
LA-ODA-0104,District health information,ລະບົບຂໍ້ມູນສາທາລະນະສຸກເມືອງ,Luxembourg Development Cooperation,2025,2000000,600000,EUR,12196:70; 15110:30,2025-01-01,2028-12-31,Bokeo,Implementation
LA-ODA-0105,Mekong river bank protection,ການປ້ອງກັນຕາຝັ່ງແມ່ນ້ຳຂອງ,Embassy of the People's Republic of China,2022,25000000,10000000,USD,14040,2022-01-01,2025-12-31,Vientiane Capital,Implementation
LA-ODA-0105,Mekong river bank protection,ການປ້ອງກັນຕາຝັ່ງແມ່ນ້ຳຂອງ,Embassy of the People's Republic of China,2023,,9000000,USD,14040,2022-01-01,2025-12-31,Vientiane Capital,Implementation
"""
