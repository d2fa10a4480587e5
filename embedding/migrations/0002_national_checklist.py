"""The national checklist of conditions for embedding (borging), version 1.

After chapter 3 (Kotter's three phases), §3.3 and chapter 6 of the handbook, in our own plain
Dutch (B1). A change of content belongs in a new version (a new migration), never in this one.
The `derivation` names a function in settings.EMBEDDING_DERIVATIONS: those are not typed.
"""

from django.db import migrations

KLIMAAT, ORGANISATIE, BORGING = "klimaat", "organisatie", "borging"

ITEMS = [
    (KLIMAAT, "gezamenlijke-visie", "Gezamenlijke ambitie en visie", (
        "Sociaal werkers, ervaringsdeskundigen, bewoners en managers hebben samen opgeschreven "
        "wat ze willen bereiken en waarom ervaringsdeskundigheid daarbij helpt."
    ), ""),
    (KLIMAAT, "steun-management", "Steun van management en gemeente", (
        "Het management van het wijkteam en van de herstelorganisatie, en de gemeente, staan "
        "achter de samenwerking. Ze maken tijd en geld vrij."
    ), ""),
    (KLIMAAT, "elkaar-kennen", "Elkaar kennen en weten te vinden", (
        "Sociaal werkers en ervaringsdeskundigen kennen elkaars manier van werken, bijvoorbeeld "
        "door mee te lopen of samen casussen te bespreken."
    ), ""),
    (KLIMAAT, "successen-delen", "Successen delen", (
        "Goede voorbeelden worden verteld, ook door bewoners zelf. Zo raken anderen enthousiast. "
        "Wat niet goed ging, bespreken we om ervan te leren."
    ), ""),
    (ORGANISATIE, "projectteam", "Lokaal projectteam met tijd", (
        "Er is een projectteam met mensen van alle partijen. Het heeft genoeg uren en komt "
        "regelmatig bijeen."
    ), "project_team"),
    (ORGANISATIE, "taakomschrijving", "Duidelijke taken voor ervaringsdeskundigen", (
        "Er staat op papier wat een ervaringsdeskundige doet, met ruimte voor eigen ideeën."
    ), ""),
    (ORGANISATIE, "vergoeding", "Passende vergoeding", (
        "Ervaringsdeskundigen krijgen een vergoeding die past bij hun taken. We zetten hen niet "
        "in omdat ze goedkoop zijn, maar om wat ze meebrengen."
    ), ""),
    (ORGANISATIE, "training", "Training voor sociaal werkers en ervaringsdeskundigen", (
        "De training van drie dagdelen is gegeven aan sociaal werkers en ervaringsdeskundigen "
        "samen."
    ), "training"),
    (ORGANISATIE, "teamworkshop", "Wijkteam heeft de teamworkshop gehad", (
        "Het hele wijkteam heeft de workshop gevolgd over herstel, ervaringsdeskundigheid en "
        "samenwerken in de wijk."
    ), "team_workshop"),
    (ORGANISATIE, "intervisie", "Intervisie en supervisie voor ervaringsdeskundigen", (
        "Elke ervaringsdeskundige heeft een intervisiegroep of supervisie om de eigen praktijk "
        "te bespreken. Sociaal werkers weten dat dit er is."
    ), "experts_intervision"),
    (ORGANISATIE, "voorlichting", "Voorlichtingsmateriaal", (
        "Er zijn folders of profielen waarin bewoners en wijkteams lezen wat een "
        "ervaringsdeskundige wel en niet doet."
    ), ""),
    (ORGANISATIE, "privacy", "Afspraken over privacy en informatie delen", (
        "Er zijn afspraken over wat we over bewoners opschrijven en delen, hoe we toestemming "
        "vragen, en wat we doen in een urgente situatie."
    ), ""),
    (BORGING, "aanwezig-in-team", "Ervaringsdeskundigen zijn aanwezig bij het wijkteam", (
        "Ervaringsdeskundigen zijn vast aanwezig in het buurtcentrum of bij het wijkteam, "
        "bijvoorbeeld met een spreekuur of inloop."
    ), ""),
    (BORGING, "teamoverleg", "Aansluiten bij teamoverleg en casusbespreking", (
        "Ervaringsdeskundigen schuiven aan bij overleggen van het wijkteam, binnen de "
        "afspraken over privacy."
    ), ""),
    (BORGING, "agendapunt", "Vast agendapunt in het wijkteamoverleg", (
        "De inzet van ervaringsdeskundigen staat regelmatig op de agenda van het wijkteam."
    ), ""),
    (BORGING, "spreekuur-herstel", "Sociaal werkers bij de herstelorganisatie", (
        "Sociaal werkers zijn regelmatig te vinden op de plek van de herstelorganisatie, "
        "bijvoorbeeld met een spreekuur."
    ), ""),
    (BORGING, "keukentafel", "Ervaringsdeskundigen bij keukentafelgesprekken", (
        "Als een bewoner dat wil, komt een ervaringsdeskundige mee naar het gesprek, als "
        "ondersteuner of vertrouwenspersoon."
    ), ""),
    (BORGING, "pool", "Pool van ervaringsdeskundigen", (
        "Er is een gezamenlijke pool van ervaringsdeskundigen, zodat het wijkteam weet wie er "
        "beschikbaar is, ook als iemand stopt."
    ), "expert_pool"),
    (BORGING, "nieuwe-collega", "Nieuwe collega's worden ingewerkt", (
        "Wie nieuw is in het wijkteam, hoort over de samenwerking en volgt de workshop of "
        "training."
    ), ""),
    (BORGING, "inloop", "Laagdrempelige plek in de wijk", (
        "Er is een plek in de wijk waar bewoners zonder afspraak binnenlopen voor een praatje, "
        "ontmoeting of een activiteit."
    ), ""),
]


def load(apps, schema_editor):
    Checklist = apps.get_model("embedding", "Checklist")
    ChecklistItem = apps.get_model("embedding", "ChecklistItem")
    checklist, _created = Checklist.objects.get_or_create(
        version=1,
        defaults={
            "name": "Landelijke checklist borging",
            "is_current": True,
            "summary": (
                "Voorwaarden die de samenwerking tussen wijkteam en herstelorganisatie "
                "levend houden, ook als het project voorbij is. Geordend naar de drie fasen "
                "van verandering: klimaat, organisatie en borging."
            ),
        },
    )
    for position, (phase, code, title, description, derivation) in enumerate(ITEMS, start=1):
        ChecklistItem.objects.update_or_create(
            checklist=checklist,
            code=code,
            defaults={
                "phase": phase,
                "position": position,
                "title": title,
                "description": description,
                "derivation": derivation,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("embedding", "Checklist").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("embedding", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
