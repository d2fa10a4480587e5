"""The plan on paper: the print page and the PDF (WeasyPrint).

The PDF's text is read back with `pdftotext` (poppler-utils) when it is on the PATH; without it
those checks are skipped, the rest still runs.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from plans.constants import GoalTable
from tests.plans.factories import ActionFactory, GoalFactory, PlanFactory
from tests.plans.test_plan_workflow import TEXT_ANSWERS, complete_plan
from tests.teams.factories import LocationFactory

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) missing")
SCRIPT = '<script>alert("pdf")</script><img src="http://127.0.0.1:9/x.png">'


def pdf_text(content: bytes) -> str:
    """The PDF's text with all whitespace (line and page breaks) folded to single spaces."""
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8"))


def pdf_url(plan) -> str:
    return reverse("plans:plan_pdf", args=[plan.pk])


def print_url(plan) -> str:
    return reverse("plans:plan_print", args=[plan.pk])


@pytest.fixture
def captured_html(monkeypatch):
    """The HTML the PDF view hands to WeasyPrint."""
    import weasyprint

    seen: list[str] = []
    real = weasyprint.HTML

    def spy(*args, **kwargs):
        seen.append(kwargs.get("string", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy)
    return seen


def test_the_pdf_is_a_pdf_download_with_the_plan_in_it(world, client, captured_html):
    plan = complete_plan(world)
    client.force_login(world.gouda.leader)

    response = client.get(pdf_url(plan))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response.content.rstrip().endswith(b"%%EOF")
    assert response["Content-Disposition"] == (
        'attachment; filename="plan-van-aanpak-gouda-2026.pdf"'
    )
    (html,) = captured_html
    assert '<html lang="nl">' in html
    assert TEXT_ANSWERS["background_focus"] in html
    if PDFTOTEXT:
        text = pdf_text(response.content)
        for expected in (
            "Plan van aanpak lokaal projectteam",
            "Op welk thema richt het lokale projectteam zich",
            "Eenzaamheid, omdat die achter veel vragen aan het wijkteam zit.",
            "Korte Akkeren",
            "Herstel Gouda",
            str(world.gouda.leader.person),
            "Doel voor Ondersteuning eigen regie en participatie",
            "Eerste actie voor Ontwikkeling lokale samenwerking",
            str(world.gouda.worker.person),
            "Elke eerste dinsdag van de maand",
            "1-3-2026 – 30-6-2026",
            "Samenstelling van het lokale projectteam",
            "pagina 1 van",
        ):
            assert expected in text, expected


def test_script_and_html_in_answers_stay_text_in_the_pdf(world, client, captured_html):
    plan = complete_plan(world, background_team=SCRIPT)
    goal = plan.goals.get(table=GoalTable.SELF_DIRECTION)
    goal.text = f"Doel {SCRIPT}"
    goal.save()
    client.force_login(world.gouda.leader)

    response = client.get(pdf_url(plan))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    (html,) = captured_html
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert" not in html
    assert "<img src=" not in html
    if PDFTOTEXT:
        text = pdf_text(response.content)
        assert '<script>alert("pdf")</script>' in text  # shown as the characters typed


def test_the_print_page_escapes_answers_and_is_dutch(world, client):
    plan = complete_plan(world, background_team=SCRIPT, training_trainers=SCRIPT[:200])
    action = plan.goals.get(table=GoalTable.COLLABORATION).actions.first()
    action.description = f"Actie {SCRIPT}"
    action.timing_note = SCRIPT[:200]
    action.save()
    client.force_login(world.gouda.leader)

    response = client.get(print_url(plan))

    assert response.status_code == 200
    text = response.content.decode()
    assert '<html lang="nl">' in text
    assert text.count("&lt;script&gt;alert(") >= 4
    assert "<script>alert" not in text
    assert '<img src="http' not in text
    assert TEXT_ANSWERS["structure_partners"] in text
    assert reverse("plans:plan_pdf", args=[plan.pk]) in text


def test_an_empty_plan_prints_and_renders_as_pdf(world, client):
    plan = PlanFactory(location=world.gouda.location)
    client.force_login(world.gouda.leader)
    response = client.get(print_url(plan))
    assert response.status_code == 200
    assert "Nog niet ingevuld." in response.content.decode()
    response = client.get(pdf_url(plan))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    if PDFTOTEXT:
        assert "Nog niet ingevuld." in pdf_text(response.content)


def test_the_filename_is_safe_whatever_the_location_is_called(world, client):
    location = LocationFactory(name='Ede "Oost"; naam=x.exe\t\\ Zuid', city="Ede")
    plan = PlanFactory(location=location)
    goal = GoalFactory(plan=plan, text="Doel in Ede")
    ActionFactory(goal=goal, description="Actie in Ede")
    client.force_login(world.admin)
    response = client.get(pdf_url(plan))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="plan-van-aanpak-ede-oost-naamxexe-zuid-2026.pdf"'
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("sociaal_werker", 200), ("coordinator", 200), ("other", 404), ("no_membership", 404)],
)
def test_who_may_download_the_pdf(world, client, who, status):
    plan = PlanFactory(location=world.gouda.location)
    client.force_login(world.user(who))
    assert client.get(print_url(plan)).status_code == status
    response = client.get(pdf_url(plan))
    assert response.status_code == status
    if status == 200:
        assert response.content.startswith(b"%PDF")
