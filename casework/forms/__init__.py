"""Forms of the casework pages: they collect input and check it; the views hand it to a service.

One module per part of the file: `residents` (registering, anonymous tallies, the location's
urgent-situations agreement), `consents`, `trajectories` (and contacts), `avg` (erasure,
break-glass); `common` holds what they share.
"""

from casework.forms.avg import BreakGlassForm, EraseForm, EraseReason
from casework.forms.common import FUTURE, PHONE, DateInput, TelInput
from casework.forms.consents import ConsentCreateForm, ConsentWithdrawForm
from casework.forms.residents import ResidentRegisterForm, TallyForm, UrgentAgreementForm
from casework.forms.trajectories import (
    ContactForm,
    ExpertChoiceField,
    TrajectoryEditForm,
    TrajectoryStartForm,
)

__all__ = [
    "FUTURE",
    "PHONE",
    "BreakGlassForm",
    "ConsentCreateForm",
    "ConsentWithdrawForm",
    "ContactForm",
    "DateInput",
    "EraseForm",
    "EraseReason",
    "ExpertChoiceField",
    "ResidentRegisterForm",
    "TallyForm",
    "TelInput",
    "TrajectoryEditForm",
    "TrajectoryStartForm",
    "UrgentAgreementForm",
]
