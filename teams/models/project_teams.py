from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from teams.constants import MeetingFrequency

from .organisations import Organisation
from .people import Person
from .places import Location


class ProjectTeam(models.Model):
    """The local project team of a location: how it divides tasks and how often it meets."""

    location = models.OneToOneField(
        Location, on_delete=models.CASCADE, related_name="project_team", verbose_name=_("locatie")
    )
    task_division = models.TextField(
        _("taakverdeling"), blank=True, help_text=_("Wie doet wat in het projectteam?")
    )
    meeting_frequency = models.CharField(
        _("hoe vaak komt het team bijeen"),
        max_length=20,
        choices=MeetingFrequency.choices,
        blank=True,
    )
    meeting_note = models.CharField(
        _("toelichting overleg"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: eerste dinsdag van de maand in het wijkcentrum."),
    )

    class Meta:
        verbose_name = _("lokaal projectteam")
        verbose_name_plural = _("lokale projectteams")

    def __str__(self) -> str:
        return _("Projectteam %(location)s") % {"location": self.location}


class ProjectTeamMember(models.Model):
    """A member of a local project team, with function and organisation."""

    team = models.ForeignKey(
        ProjectTeam, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="team_seats", verbose_name=_("persoon")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="team_seats",
        verbose_name=_("organisatie"),
    )
    function = models.CharField(_("functie"), max_length=150)
    tasks = models.CharField(_("taken in het team"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("lid projectteam")
        verbose_name_plural = _("leden projectteam")
        ordering = ["person__family_name", "person__given_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="project_team_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.function})"

    def clean(self) -> None:
        if self.team_id and self.person_id:
            working_here = Person.objects.working_at(self.team.location_id)
            if not working_here.filter(pk=self.person_id).exists():
                raise ValidationError(
                    {
                        "person": _(
                            "Deze persoon werkt niet bij deze locatie. Voeg hem of haar eerst toe."
                        )
                    }
                )
