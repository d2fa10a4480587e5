"""Template helpers to show a plan's answers and goal tables from its prefetched data."""

from django import template

from plans.snapshots import HEADER_RELATIONS

register = template.Library()


@register.filter
def answer(plan, field: str) -> str:
    """The answer to one question as text ('' when empty)."""
    if field in HEADER_RELATIONS:
        return ", ".join(str(obj) for obj in getattr(plan, field).all())
    value = getattr(plan, field)
    return "" if value is None else str(value)


@register.filter
def goals_of(plan, table: str) -> list:
    return [goal for goal in plan.goals.all() if goal.table == table]


@register.filter
def owners(action) -> str:
    names = [str(person) for person in action.owner_people.all()]
    names += [str(organisation) for organisation in action.owner_organisations.all()]
    return ", ".join(names)
