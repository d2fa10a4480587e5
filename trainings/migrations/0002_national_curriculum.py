"""The national curriculum: the training (three half-days) and the team workshop.

Based on Bijlage 2 and 3 of the handbook, written in our own plain Dutch (B1).
A change of content belongs in a new version (a new migration), never in this one.
"""

from django.db import migrations

# Block kinds, as stored (see trainings.constants.BlockKind).
WELKOM = "welkom"
KENNISMAKING = "kennismaking"
OEFENING = "oefening"
THEMA = "thema"
PRAKTIJK = "praktijk"
PAUZE = "pauze"
AFSLUITING = "afsluiting"


def pause():
    return {
        "minutes": 15,
        "title": "Pauze",
        "kind": PAUZE,
        "description": "Even bijkomen met koffie of thee.",
    }


TRAINING = {
    "kind": "training",
    "name": "Empowerment en ervaringsdeskundigheid in de wijk",
    "version": 1,
    "part_minutes": 240,
    "summary": (
        "Training van drie dagdelen voor sociaal werkers en ervaringsdeskundigen die samen in de "
        "wijk gaan werken. Ze leren over herstel, ervaringsdeskundigheid, stigma en empowerment, "
        "en oefenen met samenwerken aan de hand van situaties uit hun eigen werk."
    ),
    "parts": [
        {
            "number": 1,
            "title": "Herstel, ervaringsdeskundigheid en stigma",
            "blocks": [
                {
                    "minutes": 15,
                    "title": "Welkom",
                    "kind": WELKOM,
                    "goal": "Iedereen weet waar het project over gaat en wat de training brengt.",
                    "description": (
                        "De trainers heten de groep welkom. Ze vertellen kort over het project "
                        "en laten het programma van de drie dagdelen zien."
                    ),
                },
                {
                    "minutes": 15,
                    "title": "Kennismaking en verwachtingen",
                    "kind": KENNISMAKING,
                    "goal": "Deelnemers weten wie er in de groep zitten en wat ieder wil leren.",
                    "description": (
                        "Iedere deelnemer stelt zich voor en vertelt wat hij of zij van de "
                        "training hoopt. De trainer kiest de werkvorm, bijvoorbeeld met "
                        "beeldkaarten."
                    ),
                    "materials": "Beeldkaarten",
                },
                {
                    "minutes": 30,
                    "title": "Oefening: Over de lijn",
                    "kind": OEFENING,
                    "goal": "Elkaar beter leren kennen en zien wat je met elkaar gemeen hebt.",
                    "description": (
                        "De trainer leest prikkelende stellingen voor. Wie het ermee eens is, "
                        "stapt over een lijn op de vloer. Daarna praat de groep kort na over wat "
                        "opviel."
                    ),
                    "materials": "Stellingen, tape om een lijn op de vloer te maken",
                },
                {
                    "minutes": 60,
                    "title": "Thema: herstel",
                    "kind": THEMA,
                    "goal": (
                        "Deelnemers begrijpen wat herstel, empowerment en eigen regie betekenen "
                        "en verbinden dit met hun eigen ervaring."
                    ),
                    "description": (
                        "Begin met een van de twee keuzes hieronder. Een korte presentatie geeft "
                        "daarna meer achtergrond. Tot slot tekenen deelnemers in kleine groepjes "
                        "hun eigen herstellijn; wat ze delen blijft in het groepje."
                    ),
                    "materials": "Presentatie over herstel, flipover, stiften, papier",
                    "options": [
                        {
                            "title": "Herstelverhaal van de trainer",
                            "description": (
                                "Een ervaringsdeskundige trainer vertelt in hooguit tien minuten "
                                "het eigen herstelverhaal. De groep praat daarna over wat herstel "
                                "helpt en wat het in de weg zit."
                            ),
                        },
                        {
                            "title": "Samen verzamelen wat herstel is",
                            "description": (
                                "De groep noemt alles waar ze aan denken bij herstel; de trainer "
                                "schrijft het op de flipover. Samen maakt de groep er een eigen "
                                "omschrijving van, aangevuld met de ervaring van de trainers."
                            ),
                        },
                    ],
                },
                pause(),
                {
                    "minutes": 60,
                    "title": "Thema: ervaringsdeskundigheid",
                    "kind": THEMA,
                    "goal": (
                        "Deelnemers weten wat ervaringsdeskundigheid is en wat ze van elkaar "
                        "mogen verwachten."
                    ),
                    "description": (
                        "Een korte presentatie legt uit hoe ervaring, ervaringskennis en "
                        "ervaringsdeskundigheid verschillen, en welke rollen er zijn. De groep "
                        "praat erover met stellingen of eigen ervaringen. In kleine groepjes "
                        "vertellen sociaal werkers en ervaringsdeskundigen wat ze van elkaar "
                        "verwachten."
                    ),
                    "materials": "Presentatie, stellingen, functieprofiel van de ervaringswerker",
                },
                {
                    "minutes": 30,
                    "title": "Thema: stigma",
                    "kind": THEMA,
                    "goal": (
                        "Deelnemers worden zich bewust van labels en vooroordelen, ook hun eigen."
                    ),
                    "description": (
                        "Een korte inleiding over stigma, eventueel met een filmpje. Daarna doet "
                        "de groep een van de twee oefeningen en praat erover na."
                    ),
                    "materials": (
                        "Post-its in twee kleuren (bijvoorbeeld geel en blauw), kaartjes, pennen"
                    ),
                    "options": [
                        {
                            "title": "Stickers plakken",
                            "description": (
                                "Op post-its van de ene kleur schrijven deelnemers labels die op "
                                "hen zijn geplakt of die ze zelf op anderen plakten; op de andere "
                                "kleur hun sterke kanten. Ze plakken de stickers bij elkaar op en "
                                "praten over hoe dat voelt."
                            ),
                        },
                        {
                            "title": "Diagnose me!",
                            "description": (
                                "Iedereen, ook de trainers, schrijft op een kaartje een "
                                "kwetsbaarheid en een hobby. De kaartjes worden geschud en "
                                "voorgelezen, en de groep raadt van wie elk kaartje is. Zo merk je "
                                "welke vooroordelen je zelf hebt."
                            ),
                        },
                    ],
                },
                {
                    "minutes": 15,
                    "title": "Afsluiting en oefenopdracht",
                    "kind": AFSLUITING,
                    "goal": "Terugkijken op de dag en weten wat je voor de volgende keer doet.",
                    "description": (
                        "De trainers vatten de dag samen, vragen hoe het ging en vertellen wat het "
                        "volgende dagdeel brengt. Ze leggen de oefenopdracht uit en geven "
                        "leesstof mee over de fasen van herstel."
                    ),
                    "homework": (
                        "Sociaal werkers: vertel een bewoner in je eigen woorden wat herstel voor "
                        "jou betekent en vraag wat het voor hem of haar is. Zoek samen uit wat "
                        "wel en niet hielp bij herstel.\n"
                        "Ervaringsdeskundigen: schrijf op wat jou hielp bij je herstel, hoe dat "
                        "past bij wat vandaag besproken is en hoe het anderen kan helpen."
                    ),
                },
            ],
        },
        {
            "number": 2,
            "title": "Empowerment, kwartiermaken en ondersteunen",
            "blocks": [
                {
                    "minutes": 15,
                    "title": "Welkom en terugblik",
                    "kind": WELKOM,
                    "description": (
                        "De trainers heten iedereen welkom en kijken kort terug op het eerste "
                        "dagdeel: wat is blijven hangen?"
                    ),
                },
                {
                    "minutes": 45,
                    "title": "Oefenopdracht en herstelprocessen",
                    "kind": THEMA,
                    "goal": (
                        "Deelnemers zien dat herstel in fasen gaat en verschillende kanten heeft."
                    ),
                    "description": (
                        "Deelnemers vertellen wat ze met de oefenopdracht hebben gedaan. Van "
                        "daaruit gaat de groep verder in op de fasen en kanten van herstel."
                    ),
                },
                {
                    "minutes": 90,
                    "title": "Collectieve empowerment, kwartiermaken en omdenken",
                    "kind": THEMA,
                    "goal": (
                        "Deelnemers weten hoe mensen samen sterker worden, hoe je in de wijk "
                        "ruimte maakt voor herstel en dat moeilijke ervaringen ook kwaliteiten "
                        "opleveren."
                    ),
                    "description": (
                        "Een presentatie over samen sterker worden en lotgenotencontact, met "
                        "voorbeelden uit de herstelbeweging zoals WRAP en herstelwerkgroepen. "
                        "Daarna kwartiermaken: hoe betrek je buurtbewoners en welke aanpak voor "
                        "meedoen werkt hier? Bij de oefening omdenken deelt iemand een moeilijke "
                        "ervaring en zoekt de groep, zonder advies te geven, welke vaardigheden "
                        "die ervaring heeft opgeleverd."
                    ),
                    "materials": (
                        "Presentatie, flipover, lijst met vaardigheden en kwaliteiten, "
                        "eventueel een filmpje over de kracht van kwetsbaarheid"
                    ),
                },
                pause(),
                {
                    "minutes": 60,
                    "title": "Ondersteunen in de praktijk",
                    "kind": PRAKTIJK,
                    "is_regional": True,
                    "goal": (
                        "Sociaal werker en ervaringsdeskundige weten hoe ze samen een bewoner "
                        "steunen met de methode van hun regio."
                    ),
                    "description": (
                        "Elke regio vult dit blok in met een eigen methode. Gouda werkt "
                        "bijvoorbeeld met hersteldromen: de bewoner beschrijft een droom, maakt "
                        "die concreet in wensen en kiest haalbare doelen. De groep bespreekt hoe "
                        "sociaal werker en ervaringsdeskundige daar samen bij helpen."
                    ),
                },
                {
                    "minutes": 15,
                    "title": "Oefenopdracht en afsluiting",
                    "kind": AFSLUITING,
                    "description": (
                        "Een korte evaluatie van het dagdeel en uitleg van de nieuwe oefenopdracht."
                    ),
                    "homework": (
                        "Ga met een bewoner aan de slag met hersteldromen, wensen en doelen, of "
                        "met een andere methode uit de training. Schrijf op wat je tegenkomt."
                    ),
                },
            ],
        },
        {
            "number": 3,
            "title": "Samenwerken in de praktijk",
            "blocks": [
                {
                    "minutes": 15,
                    "title": "Welkom en terugblik",
                    "kind": WELKOM,
                    "description": (
                        "De trainers heten iedereen welkom en kijken kort terug op het tweede "
                        "dagdeel."
                    ),
                },
                {
                    "minutes": 30,
                    "title": "Oefenopdracht bespreken",
                    "kind": PRAKTIJK,
                    "goal": "Leren van elkaars ervaringen met de opdracht.",
                    "description": (
                        "Deelnemers vertellen wat ze met de bewoner hebben gedaan en waar ze "
                        "tegenaan liepen. Lastige situaties kunnen terugkomen in de "
                        "praktijkbespreking."
                    ),
                },
                {
                    "minutes": 60,
                    "title": "Praktijkbespreking",
                    "kind": PRAKTIJK,
                    "goal": (
                        "Samen ontdekken wat ervaringsdeskundige en sociaal werker samen kunnen "
                        "betekenen voor bewoners."
                    ),
                    "description": (
                        "Deelnemers brengen situaties uit hun werk in; zoveel mogelijk mensen "
                        "komen aan de beurt. De groep kijkt naar de wens van de bewoner, naar wie "
                        "welke rol heeft en naar wat de bewoner kan en wil."
                    ),
                },
                pause(),
                {
                    "minutes": 30,
                    "title": "Lotgenotencontact",
                    "kind": THEMA,
                    "goal": (
                        "Deelnemers weten wat contact met lotgenoten oplevert en hoe het team dit "
                        "mogelijk maakt."
                    ),
                    "description": (
                        "De groep bespreekt wat lotgenotencontact kan bieden en welke vormen er "
                        "zijn, ook in groepen. Hoe zet je het in bij de ondersteuning en wat kan "
                        "het team zelf regelen?"
                    ),
                },
                {
                    "minutes": 60,
                    "title": "Samenwerken: rollenspel",
                    "kind": OEFENING,
                    "goal": (
                        "Concrete afspraken over hoe sociaal werker en ervaringsdeskundige samen "
                        "werken."
                    ),
                    "description": (
                        "De groep bespreekt rollen, afspraken en waar je op moet letten, en "
                        "bedenkt voorbeelden. Daarna spelen drie kleine groepjes een situatie na "
                        "met de rollen bewoner, ervaringsdeskundige en sociaal werker. Tot slot "
                        "geven de groepjes elkaar feedback en maakt iedereen vervolgafspraken."
                    ),
                },
                {
                    "minutes": 30,
                    "title": "Eindevaluatie en afronding",
                    "kind": AFSLUITING,
                    "goal": "Weten waar ieder na de training mee verder gaat.",
                    "description": (
                        "Deelnemers schrijven ideeën, aandachtspunten en plannen op vellen papier "
                        "en hangen die op. Daarna volgt de evaluatie van de hele training."
                    ),
                    "materials": "A4-vellen, dikke stiften, plakband, eventueel tijdschriften",
                },
            ],
        },
    ],
}

WORKSHOP = {
    "kind": "workshop",
    "name": "Teamworkshop empowerment en ervaringsdeskundigheid",
    "version": 1,
    "part_minutes": 210,
    "summary": (
        "Workshop van ongeveer drie en een half uur voor een heel wijkteam. Het team hoort over "
        "het project, praat over herstel, ervaringsdeskundigheid, empowerment en kwartiermaken, "
        "en bespreekt hoe de samenwerking in de eigen wijk eruit gaat zien."
    ),
    "parts": [
        {
            "number": 1,
            "title": "Teamworkshop",
            "blocks": [
                {
                    "minutes": 15,
                    "title": "Welkom en kennismaking",
                    "kind": WELKOM,
                    "description": (
                        "De trainers stellen zich voor en de deelnemers vertellen wie ze zijn. "
                        "Daarna komen de verwachtingen en het programma aan bod."
                    ),
                },
                {
                    "minutes": 20,
                    "title": "Het project",
                    "kind": THEMA,
                    "goal": (
                        "Het team weet wat het project is en wat het voor de eigen plek betekent."
                    ),
                    "description": (
                        "Korte uitleg over het project, eventueel met een paar dia's. Liefst "
                        "vertellen mensen van de zelfregie-organisatie zelf wat de plannen zijn. "
                        "Ook komt aan bod hoe de rest van het team en andere partners meedoen."
                    ),
                },
                {
                    "minutes": 20,
                    "title": "Thema A: herstel en veerkracht",
                    "kind": THEMA,
                    "description": (
                        "Wat betekenen herstel en veerkracht voor de deelnemers? De groep praat "
                        "over wat herstel helpt of tegenhoudt, en over de rol van stigma."
                    ),
                },
                {
                    "minutes": 30,
                    "title": "Thema B: ervaringsdeskundigheid",
                    "kind": THEMA,
                    "description": (
                        "Het team deelt ervaringen met ervaringsdeskundigen en bespreekt wat "
                        "ervaringsdeskundigheid wel en niet is. Wat voegt het toe en wat mag je "
                        "verwachten? Ook het functieprofiel van de ervaringswerker komt kort aan "
                        "bod."
                    ),
                },
                {
                    "minutes": 20,
                    "title": "Thema C: collectieve empowerment en eigen regie",
                    "kind": THEMA,
                    "description": (
                        "Hoe worden mensen in dit project samen sterker? De groep praat over "
                        "lotgenotencontact en over voorbeelden uit de herstelbeweging zoals WRAP "
                        "en herstelwerkgroepen."
                    ),
                },
                {
                    "minutes": 20,
                    "title": "Thema D: kwartiermaken",
                    "kind": THEMA,
                    "description": (
                        "Hoe maak je in de wijk plaats voor mensen die herstellen, en wat doet "
                        "een kwartiermaker? Het team bedenkt samen hoe buurtbewoners mee kunnen "
                        "doen."
                    ),
                    "materials": "Flipover en stiften",
                },
                {
                    "minutes": 45,
                    "title": "Samenwerken in de wijk",
                    "kind": PRAKTIJK,
                    "goal": (
                        "Het team weet wat er in de eigen wijk verandert en wat ieder zelf kan "
                        "doen."
                    ),
                    "description": (
                        "Ervaringsdeskundigen en wijkmedewerkers vertellen wat er al gebeurt of "
                        "wat eraan komt. De groep bespreekt wie wat gaat doen en wat dat betekent "
                        "voor het team en voor partners. Iedereen denkt na over wat hij of zij "
                        "zelf kan en wil bijdragen."
                    ),
                },
                {
                    "minutes": 15,
                    "title": "Vragen en afsluiting",
                    "kind": AFSLUITING,
                    "description": (
                        "Ruimte voor vragen. De trainers sluiten af en vertellen hoe het verder "
                        "gaat."
                    ),
                },
            ],
        },
    ],
}

CURRICULA = [TRAINING, WORKSHOP]
BLOCK_FIELDS = ("minutes", "title", "kind", "goal", "description", "materials", "homework")


def create_curricula(apps, schema_editor):
    Curriculum = apps.get_model("trainings", "Curriculum")
    CurriculumPart = apps.get_model("trainings", "CurriculumPart")
    CurriculumBlock = apps.get_model("trainings", "CurriculumBlock")
    BlockOption = apps.get_model("trainings", "BlockOption")
    db = schema_editor.connection.alias

    for data in CURRICULA:
        curriculum = Curriculum.objects.using(db).create(
            kind=data["kind"],
            name=data["name"],
            version=data["version"],
            is_current=True,
            summary=data["summary"],
            part_minutes=data["part_minutes"],
        )
        for part_data in data["parts"]:
            part = CurriculumPart.objects.using(db).create(
                curriculum=curriculum, number=part_data["number"], title=part_data["title"]
            )
            for position, block_data in enumerate(part_data["blocks"], start=1):
                block = CurriculumBlock.objects.using(db).create(
                    part=part,
                    position=position,
                    is_regional=block_data.get("is_regional", False),
                    **{field: block_data.get(field, "") for field in BLOCK_FIELDS},
                )
                for option_position, option in enumerate(block_data.get("options", []), start=1):
                    BlockOption.objects.using(db).create(
                        block=block,
                        position=option_position,
                        title=option["title"],
                        description=option["description"],
                    )


def delete_curricula(apps, schema_editor):
    """Remove the curricula this migration created; parts, blocks and options cascade."""
    Curriculum = apps.get_model("trainings", "Curriculum")
    db = schema_editor.connection.alias
    for data in CURRICULA:
        Curriculum.objects.using(db).filter(
            kind=data["kind"], version=data["version"], name=data["name"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_curricula, delete_curricula),
    ]
