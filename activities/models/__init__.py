"""Models of the activities app: group activities with their meetings, and intervision."""

from .activities import Activity, ActivityKind, Meeting, MeetingVisit
from .intervision import GroupMeeting, IntervisionGroup, IntervisionTheme

__all__ = [
    "Activity",
    "ActivityKind",
    "GroupMeeting",
    "IntervisionGroup",
    "IntervisionTheme",
    "Meeting",
    "MeetingVisit",
]
