"""Choices of the casework app, in the users' Dutch words."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class SupportKind(models.TextChoices):
    LISTENING = "luisterend_oor", _("Een luisterend oor")
    PRACTICAL = "praktisch", _("Praktische hulp")
    SERVICES = "voorzieningen", _("De weg vinden naar voorzieningen")
    CONTACTS = "contacten", _("Contacten en activiteiten")


class ConsentPurpose(models.TextChoices):
    RECORD = "vastleggen", _("Gegevens vastleggen")
    SHARE_TEAM = "delen_wijkteam", _("Delen met het wijkteam")
    SHARE_RECOVERY = "delen_herstel", _("Delen met de herstelorganisatie")
    CASE_MEETING = "casusoverleg", _("Bespreken in een casusoverleg")
    SHARE_THIRD = "delen_derde", _("Delen met een andere partij (met naam)")


# Purposes that open the case to the members of an organisation.
SHARING_PURPOSES = (ConsentPurpose.SHARE_TEAM, ConsentPurpose.SHARE_RECOVERY)


class ConsentForm(models.TextChoices):
    SPOKEN = "mondeling", _("Mondeling")
    WRITTEN = "schriftelijk", _("Schriftelijk (getekend)")
    DIGITAL = "digitaal", _("Digitaal (bijvoorbeeld per e-mail)")


class CollaborationForm(models.TextChoices):
    TANDEM = "tandem", _("Tandem (samen optrekken)")
    SEPARATE_FROM_EXPERT = "apart_ed", _("Apart, met afstemming (start bij de ervaringsdeskundige)")
    SEPARATE_FROM_WORKER = "apart_sw", _("Apart, met afstemming (start bij de sociaal werker)")
    ADVISORY = "advies", _("Adviserende rol van de ervaringsdeskundige")


class ReferralSource(models.TextChoices):
    SELF = "zelf", _("De bewoner zelf")
    WIJKTEAM = "wijkteam", _("Het wijkteam")
    RECOVERY = "herstel", _("De herstelorganisatie")
    GP = "huisarts", _("Huisarts of praktijkondersteuner")
    CARE = "ggz", _("Ggz of FACT-team")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    NETWORK = "netwerk", _("Familie, buren of vrienden")
    OTHER = "anders", _("Anders")


class TrajectoryStatus(models.TextChoices):
    ACTIVE = "loopt", _("Loopt")
    PAUSED = "gepauzeerd", _("Gepauzeerd")
    ENDED = "afgerond", _("Afgerond")
    STOPPED = "gestopt", _("Gestopt")


ENDED_STATUSES = (TrajectoryStatus.ENDED, TrajectoryStatus.STOPPED)


class Outcome(models.TextChoices):
    GOALS_REACHED = "doelen_bereikt", _("Doelen (grotendeels) bereikt")
    REFERRED = "doorverwezen", _("Doorverwezen")
    OWN_STRENGTH = "eigen_kracht", _("Gaat op eigen kracht verder")
    STOPPED_BY_RESIDENT = "gestopt_bewoner", _("Bewoner is gestopt")
    OTHER = "anders", _("Anders")


class ContactKind(models.TextChoices):
    HOME_VISIT = "huisbezoek", _("Huisbezoek")
    WALK = "wandeling", _("Wandeling of activiteit")
    THREE_WAY = "driegesprek", _("Driegesprek")
    KITCHEN_TABLE = "keukentafel", _("Keukentafelgesprek")
    CASE_DISCUSSION = "casusbespreking", _("Casusbespreking")
    PHONE = "telefoon", _("Telefoon of beeldbellen")
    GROUP = "groep", _("Groepsactiviteit")


class TallySource(models.TextChoices):
    NO_CONSENT = "geen_toestemming", _("Zonder toestemming om vast te leggen")
    ERASED = "gewist", _("Na wissen of intrekken van toestemming")
    RETENTION = "bewaartermijn", _("Na afloop van de bewaartermijn")


class AuditAction(models.TextChoices):
    READ = "inzien", _("Ingezien")
    CREATE = "aanmaken", _("Aangemaakt")
    CHANGE = "wijzigen", _("Gewijzigd")
    EXPORT = "exporteren", _("Geëxporteerd")
    ERASE = "wissen", _("Gewist")
    BREAK_GLASS = "noodtoegang", _("Noodtoegang")
    CONSENT = "toestemming", _("Toestemming vastgelegd of ingetrokken")


# Reasons the system writes itself into the audit trail (an erasure after the consent to record
# was withdrawn, the retention period): stored in Dutch, whoever caused them, and shown in the
# reader's language (casework.avg.reason_label). A reason a person typed is shown as typed.
REASON_CONSENT_WITHDRAWN = gettext_noop("Toestemming om vast te leggen ingetrokken.")
REASON_RETENTION = gettext_noop("Bewaartermijn van %(months)s maanden verstreken.")
SYSTEM_REASONS = (REASON_CONSENT_WITHDRAWN, REASON_RETENTION)
