"""Statistics Finland municipality codes (*kuntanumero*) of the employment areas in the demo data: the Lahti
region (Päijät-Häme) and the Mikkeli region (Etelä-Savo). Source: Statistics Finland, municipality
classification 2025. Other valid three-digit codes are accepted and shown without a name."""

MUNICIPALITIES: dict[str, dict[str, str]] = {
    "016": {"fi": "Asikkala", "sv": "Asikkala"},
    "081": {"fi": "Hartola", "sv": "Gustav Adolfs"},
    "098": {"fi": "Hollola", "sv": "Hollola"},
    "111": {"fi": "Heinola", "sv": "Heinola"},
    "316": {"fi": "Kärkölä", "sv": "Kärkölä"},
    "398": {"fi": "Lahti", "sv": "Lahtis"},
    "560": {"fi": "Orimattila", "sv": "Orimattila"},
    "576": {"fi": "Padasjoki", "sv": "Padasjoki"},
    "781": {"fi": "Sysmä", "sv": "Sysmä"},
    "097": {"fi": "Hirvensalmi", "sv": "Hirvensalmi"},
    "178": {"fi": "Juva", "sv": "Jockas"},
    "213": {"fi": "Kangasniemi", "sv": "Kangasniemi"},
    "491": {"fi": "Mikkeli", "sv": "S:t Michel"},
    "507": {"fi": "Mäntyharju", "sv": "Mäntyharju"},
    "588": {"fi": "Pertunmaa", "sv": "Pertunmaa"},
    "623": {"fi": "Puumala", "sv": "Puumala"},
}
