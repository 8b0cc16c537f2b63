"""Hedges, phrase by phrase, in French and in English, and the words that must not be read as hedges."""

import pytest

from claims.language.hedges import KINDS, find_hedges

FRENCH = [
    ("OpenAI préparerait aussi un contrat", "préparerait", "reported"),
    ("un fonds serait en tête", "serait", "reported"),
    ("Dravel aurait signé une commande", "aurait signé", "reported"),
    ("la société s’apprêterait à lever", "s’apprêterait", "reported"),
    ("la société s'apprêterait à lever", "s'apprêterait", "reported"),
    ("le groupement réclamerait une rallonge", "réclamerait", "reported"),
    ("elle emploierait 1 500 salariés", "emploierait", "reported"),
    ("la concentration pourrait attirer l'attention", "pourrait", "speculation"),
    ("les prix pourraient baisser", "pourraient", "speculation"),
    ("on aurait pu faire rouler des bus", "aurait pu", "speculation"),
    ("l'usine devrait consommer", "devrait", "forecast"),
    ("L’usine doit entrer en production", "doit", "forecast"),
    ("elle prévoit de financer le reste", "prévoit de", "forecast"),
    ("il vise à créer des emplois", "vise à", "forecast"),
    ("le chantier démarrera en mars", "démarrera", "forecast"),
    ("des gigawatts nécessiteront d’énormes investissements", "nécessiteront", "forecast"),
    ("la réponse est attendue au troisième trimestre", "attendue", "forecast"),
    ("jusqu’à 4,5 gigawatts", "jusqu’à", "bound"),
    ("jusqu'à 25 millions d'euros", "jusqu'à", "bound"),
    ("environ 85 millions d’euros", "environ", "approximation"),
    ("près de 500 emplois", "près de", "approximation"),
    ("quelque 300 salariés", "quelque", "approximation"),
    ("une quarantaine de boutiques", "quarantaine", "approximation"),
    ("des incertitudes subsistent sur le financement", "des incertitudes subsistent", "doubt"),
    ("Des incertitudes subsistent toutefois", "Des incertitudes subsistent", "doubt"),
    ("le calendrier reste incertain", "reste incertain", "doubt"),
    ("Selon le Wall Street Journal", "Selon", "attribution"),
    ("d’après Reuters", "d’après", "attribution"),
]

ENGLISH = [
    ("Corvane reportedly weighed sites", "reportedly", "reported"),
    ("the firm is said to be weighing", "is said to", "reported"),
    ("for a reported ¥48bn", "reported", "reported"),
    ("the deal would make Corvane", "would", "reported"),
    ("the investment could be scaled back", "could", "speculation"),
    ("costs might climb further", "might", "speculation"),
    ("the plant may need an expansion", "may", "speculation"),
    ("The plant is expected to create jobs", "is expected to", "forecast"),
    ("the first phase is forecast to start", "is forecast to", "forecast"),
    ("Corvane plans to install panels", "plans to", "forecast"),
    ("The county will contribute", "will", "forecast"),
    ("due to be completed next year", "due to be", "forecast"),
    ("up to 180 megawatts", "up to", "bound"),
    ("as much as $600 million", "as much as", "bound"),
    ("about $300 billion", "about", "approximation"),
    ("around 60 kilometres", "around", "approximation"),
    ("roughly 4.5 TWh", "roughly", "approximation"),
    ("nearly 40 percent", "nearly", "approximation"),
    ("some 500 jobs", "some", "approximation"),
    ("It is unclear whether it holds", "It is unclear", "doubt"),
    ("the chip cycle, which remains uncertain", "remains uncertain", "doubt"),
    ("according to people familiar with the matter", "according to", "attribution"),
]

NOT_HEDGES = [
    ("il trait la vache", "fr"),
    ("le retrait du projet", "fr"),
    ("un portrait de la ville", "fr"),
    ("l'attrait du site", "fr"),
    ("il tirait sur la corde", "fr"),
    ("il entrait dans la salle", "fr"),
    ("l'opéra de Paris", "fr"),
    ("la caméra tourne", "fr"),
    ("jusqu'à la fin de l'année", "fr"),
    ("près de Paris", "fr"),
    ("il doit de l'argent", "fr"),
    ("the report came out in May", "en"),
    ("May sales rose", "en"),
    ("on May 5", "en"),
    ("some analysts say so", "en"),
    ("about the deal", "en"),
    ("up to date", "en"),
    ("around the world", "en"),
    ("due to rising costs", "en"),
]


@pytest.mark.parametrize(("text", "as_stated", "kind"), FRENCH)
def test_french_hedge(text, as_stated, kind):
    hedges = find_hedges(text, "fr")
    assert [(h.as_stated, h.kind) for h in hedges] == [(as_stated, kind)]
    assert text[hedges[0].start : hedges[0].end] == as_stated


@pytest.mark.parametrize(("text", "as_stated", "kind"), ENGLISH)
def test_english_hedge(text, as_stated, kind):
    hedges = find_hedges(text, "en")
    assert [(h.as_stated, h.kind) for h in hedges] == [(as_stated, kind)]
    assert text[hedges[0].start : hedges[0].end] == as_stated


@pytest.mark.parametrize(("text", "language"), NOT_HEDGES)
def test_not_a_hedge(text, language):
    assert find_hedges(text, language) == []


def test_could_about_the_past_is_still_speculation():
    (hedge,) = find_hedges("Analysts said last year that the plant could have closed.", "en")
    assert hedge.kind == "speculation"


def test_kinds_are_the_database_kinds():
    text = "Selon X, il préparerait jusqu'à 5 GW, environ, pourrait, devrait; des incertitudes subsistent."
    assert {h.kind for h in find_hedges(text, "fr")} <= set(KINDS)
