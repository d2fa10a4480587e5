"""The kinds of group activity of chapter 5 of the handbook (and the joint forms of §5.5), and
the five themes that often come up in intervision (§3.2.3), in our own plain Dutch.
Beheerders add more in the admin; this migration only fills an empty start."""

from django.db import migrations

KINDS = [
    ("Herstelgroep", "Een groep waarin deelnemers onder begeleiding van een "
     "ervaringsdeskundige werken aan hun eigen herstel, aan de hand van thema's."),
    ("WRAP-groep", "Deelnemers maken samen hun eigen plan om goed te blijven leven, ook voor "
     "moeilijke tijden. De deelnemer houdt zelf de regie."),
    ("Cursus Herstellen doe je zelf", "Een cursus over herstel: ervaringen delen, eigen "
     "krachten terugvinden, keuzes maken en steun zoeken."),
    ("Lotgenoten- of steungroep", "Bewoners met een vergelijkbare ervaring steunen elkaar."),
    ("Inloop", "Een vaste plek en tijd waar bewoners zonder afspraak binnenlopen voor "
     "ontmoeting, koffie en een praatje, bijvoorbeeld in een wijkcentrum of praktijkhuis."),
    ("Gezamenlijke inloop", "Een inloop die een sociaal werker en een ervaringsdeskundige "
     "samen houden."),
    ("Gezamenlijk spreekuur", "Een spreekuur van een sociaal werker en een "
     "ervaringsdeskundige samen, waar bewoners met hun vragen terechtkunnen."),
    ("Themabijeenkomst", "Een bijeenkomst over één onderwerp, vaak samen georganiseerd door "
     "het wijkteam en de herstelorganisatie."),
    ("Kookgroep", "Samen koken en eten: laagdrempelig, voor contact en dagstructuur."),
    ("Andere groepsactiviteit", "Bijvoorbeeld Fotovoice of Honest, Open and Proud."),
]

THEMES = [
    "Omgaan met stress en kwetsbaarheid",
    "Afstand en nabijheid",
    "Grenzen bewaken",
    "De eigen rol ontdekken",
    "Samenwerken met (andere) professionals",
]


def load(apps, schema_editor):
    ActivityKind = apps.get_model("activities", "ActivityKind")
    IntervisionTheme = apps.get_model("activities", "IntervisionTheme")
    for position, (name, description) in enumerate(KINDS, start=1):
        ActivityKind.objects.get_or_create(
            name=name, defaults={"description": description, "position": position}
        )
    for position, name in enumerate(THEMES, start=1):
        IntervisionTheme.objects.get_or_create(name=name, defaults={"position": position})


def unload(apps, schema_editor):
    apps.get_model("activities", "ActivityKind").objects.filter(
        name__in=[name for name, _ in KINDS], activities__isnull=True
    ).delete()
    apps.get_model("activities", "IntervisionTheme").objects.filter(
        name__in=THEMES, meetings__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
