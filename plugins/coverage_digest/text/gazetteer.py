"""A small general gazetteer: countries, large cities and common short forms (no story-specific names)."""

from __future__ import annotations

COUNTRIES = frozenset(
    """Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|
    Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|
    Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|
    Czech Republic|Czechia|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|
    Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|
    Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|
    Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
    Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|
    Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|
    New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|
    Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|
    Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|
    South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|
    Trinidad|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|
    Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|England|Scotland|Wales|Britain|
    Great Britain|Northern Ireland|America|Europe|Africa|Asia|Latin America|Middle East|Antarctica""".replace(
        "\n    ", ""
    )
    .replace("\n", "")
    .split("|")
)

CITIES = frozenset(
    """Abu Dhabi|Abuja|Accra|Addis Ababa|Algiers|Amman|Amsterdam|Ankara|Athens|Atlanta|Baghdad|Baku|Bangkok|Barcelona|
    Beijing|Beirut|Belgrade|Berlin|Bogota|Boston|Brasilia|Brussels|Bucharest|Budapest|Buenos Aires|Cairo|Cape Town|
    Caracas|Chicago|Copenhagen|Dakar|Damascus|Dallas|Delhi|Dhaka|Doha|Dubai|Dublin|Edinburgh|Frankfurt|Geneva|Hanoi|
    Havana|Helsinki|Hong Kong|Houston|Islamabad|Istanbul|Jakarta|Jerusalem|Johannesburg|Kabul|Karachi|Khartoum|Kyiv|
    Kiev|Kinshasa|Lagos|Lahore|Las Vegas|Lima|Lisbon|London|Los Angeles|Madrid|Manchester|Manila|Melbourne|
    Mexico City|Miami|Milan|Minsk|Montreal|Moscow|Mumbai|Munich|Nairobi|New Delhi|New York|New York City|Oslo|Ottawa|
    Paris|Philadelphia|Prague|Pyongyang|Quito|Rabat|Riyadh|Rio de Janeiro|Rome|San Francisco|Santiago|Sao Paulo|
    Seattle|Seoul|Shanghai|Singapore|Stockholm|Sydney|Taipei|Tehran|Tel Aviv|Tokyo|Toronto|Tripoli|Tunis|Vancouver|
    Vienna|Warsaw|Washington|Wellington|Yerevan|Zurich""".replace("\n    ", "")
    .replace("\n", "")
    .split("|")
)

# Short forms of places -> the name they stand for.
ALIASES = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "UAE": "United Arab Emirates",
    "U.A.E.": "United Arab Emirates",
}
