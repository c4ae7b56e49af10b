"""The default mapping of DAC sector codes to the ten SWGs (and some of their sub-SWGs), by group code.

Seeded by `services.mapping_seed_defaults` for the groups that exist; the RTP Secretariat edits it from there.
3-digit codes stand for every 5-digit code of their category that has no row of its own. A code shared by
two groups is split between them. What is not here stays in the unmapped bucket (general budget support,
debt relief, donors' administrative costs, refugees in donor countries, unspecified).
"""

# code: [(group code, percentage)]
DEFAULT_MAPPING: dict[str, list[tuple[str, int]]] = {
    # Education
    "111": [("education", 100)],
    "11110": [("education-management", 100)],
    "11182": [("education-research", 100)],
    "112": [("education-basic", 100)],
    "11250": [("education-basic", 50), ("health-mchn", 50)],  # school feeding: learning and nutrition
    "113": [("education-postbasic", 100)],
    "114": [("education-postbasic", 100)],
    "16065": [("education-sports", 100)],
    # Health
    "121": [("health", 100)],
    "12110": [("health-hpf", 100)],
    "12196": [("health-hpf", 100)],
    "12181": [("health-hr", 100)],
    "12281": [("health-hr", 100)],
    "12191": [("health-care", 100)],
    "122": [("health-care", 100)],
    "12240": [("health-mchn", 50), ("agriculture", 50)],  # basic nutrition: health and food
    "12261": [("health-hhp", 100)],
    "123": [("health", 100)],
    "12330": [("health", 50), ("drugs", 50)],  # harmful use of alcohol and drugs
    "130": [("health", 100)],
    "13020": [("health-mchn", 100)],
    "13030": [("health-mchn", 100)],
    "72011": [("health-care", 100)],
    # Infrastructure
    "140": [("infrastructure-wsud", 100)],
    "14015": [("environment", 100)],
    "14040": [("environment", 100)],
    "14050": [("infrastructure-wsud", 50), ("environment", 50)],  # waste management
    "210": [("infrastructure-transport", 100)],
    "220": [("infrastructure-dev", 100)],
    "231": [("infrastructure-dev", 100)],
    "232": [("infrastructure-dev", 100)],
    "233": [("infrastructure-dev", 100)],
    "234": [("infrastructure-dev", 100)],
    "236": [("infrastructure-dev", 100)],
    "323": [("infrastructure-dev", 100)],
    "43030": [("infrastructure-wsud", 100)],
    "43031": [("infrastructure-wsud", 100)],
    "43032": [("infrastructure-wsud", 100)],
    # Agriculture and rural development
    "311": [("agriculture", 100)],
    "31120": [("agriculture-farmers", 100)],
    "31130": [("agriculture-agrobio", 100)],
    "31194": [("agriculture-farmers", 100)],
    "31165": [("agriculture", 50), ("drugs", 50)],  # alternative development to opium
    "312": [("agriculture-forestry", 100)],
    "313": [("agriculture", 100)],
    "43040": [("agriculture-rural", 100)],
    "43041": [("agriculture-rural", 100)],
    "43042": [("agriculture-rural", 100)],
    "43050": [("agriculture-rural", 50), ("drugs", 50)],
    "43071": [("agriculture", 100)],
    "43072": [("agriculture", 100)],
    "43073": [("health-fd", 100)],
    "520": [("agriculture", 100)],
    "72040": [("agriculture", 100)],
    # Natural resources and environment
    "410": [("environment", 100)],
    "41030": [("environment", 50), ("agriculture-agrobio", 50)],  # biodiversity
    "43060": [("environment", 100)],
    "740": [("environment", 100)],
    "322": [("environment", 100)],
    # Trade and private sector
    "240": [("trade", 100)],
    "250": [("trade", 100)],
    "321": [("trade", 100)],
    "32168": [("health-fd", 100)],
    "331": [("trade", 100)],
    "332": [("trade", 100)],
    "16020": [("trade", 100)],
    # Macroeconomics
    "15111": [("macro", 100)],
    "15114": [("macro", 100)],
    "15116": [("macro", 100)],
    "15117": [("macro", 100)],
    "15119": [("macro", 100)],
    "15142": [("macro", 100)],
    "15155": [("macro", 100)],
    "15156": [("macro", 100)],
    "16062": [("macro", 100)],
    # Governance
    "151": [("governance", 100)],
    "15110": [("governance-psi", 100)],
    "15112": [("governance-psi", 100)],
    "15124": [("governance-psi", 100)],
    "15185": [("governance-psi", 100)],
    "15113": [("governance-legal", 100)],
    "15130": [("governance-legal", 100)],
    "15131": [("governance-legal", 100)],
    "15134": [("governance-legal", 100)],
    "15160": [("governance-legal", 100)],
    "160": [("governance", 100)],
    "16010": [("governance", 100)],
    # Illicit drug control
    "16063": [("drugs", 100)],
    "15132": [("drugs-crime", 50), ("governance-legal", 50)],  # police
    # Mine action / UXO
    "15250": [("uxo-clearance", 100)],
}
