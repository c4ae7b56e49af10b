"""Demo data of the results frameworks: the shipped data files, loaded by the ordinary loaders, and the
monitoring of the Vientiane Declaration's indicators with yearly values in every state of their review.

The frameworks load before the directory and the groups (the order of the layers), so the demo's values
have no account behind them (entered by the demo, not by a person) and tell nobody; their owners are
named by group code, and become real owners once the groups' demo has run.
"""

from datetime import UTC, datetime
from decimal import Decimal

from .indicator_models import Indicator, IndicatorValue, ValueState
from .indicators import INDICATORS_FILE, VDCAP_CODE, VDCAP_FILE, indicators_load_file
from .models import Framework
from .services import SHIPPED_FRAMEWORK_FILES, framework_load_file, sdgs_load

S = ValueState
# The state of the 2023 value, by the indicator's position: one of each for the RTP Secretariat to review.
STATES_2023 = [S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.DRAFT]
# How far each indicator has come from its baseline towards its target by the target year.
PACE = [Decimal(p) for p in ("0.9", "0.6", "1.1", "0.75", "0.5", "1.0", "0.8")]


def _value_for(indicator: Indicator, year: int, pace: Decimal) -> Decimal:
    span = indicator.target_year - indicator.baseline_year
    share = Decimal(year - indicator.baseline_year) / Decimal(span)
    moved = (indicator.target_value - indicator.baseline_value) * share * pace
    return (indicator.baseline_value + moved).quantize(Decimal("0.01"))


def load_values(stdout) -> None:
    indicators = list(
        Indicator.objects.filter(item__framework__code="vd-2016")
        .select_related("item")
        .order_by("item__sort_key")
    )
    created = 0
    for index, indicator in enumerate(indicators):
        if indicator.baseline_year is None or indicator.target_year is None:
            continue
        pace = PACE[index % len(PACE)]
        plan = {2018: S.PUBLISHED, 2020: S.PUBLISHED, 2022: S.PUBLISHED if index % 3 else S.ACCEPTED}
        plan[2023] = STATES_2023[index % len(STATES_2023)]
        for year, state in plan.items():
            if IndicatorValue.objects.filter(indicator=indicator, year=year).exists():
                continue
            moment = datetime(year + 1, 3, 15, 9, 0, tzinfo=UTC)
            value = IndicatorValue(
                indicator=indicator,
                year=year,
                value=_value_for(indicator, year, pace),
                note=f"Demo figure for {year}, from the partners' reporting and the national ODA database.",
                state=state,
            )
            if state != S.DRAFT:
                value.submitted_at = moment
            if state in (S.ACCEPTED, S.PUBLISHED, S.RETURNED):
                value.reviewed_at = moment
            if state == S.RETURNED:
                value.review_comment = (
                    "The figure does not match the ODA database; check the partners' disbursements."
                )
            if state == S.PUBLISHED:
                value.published_at = moment
            value.full_clean(exclude=["indicator"], validate_constraints=False)
            value.save()
            created += 1
    stdout.write(f"indicator values: {created} created")


def load(stdout) -> None:
    stdout.write(str(sdgs_load()))
    for path in SHIPPED_FRAMEWORK_FILES:
        stdout.write(str(framework_load_file(path=path)))
    if not Framework.objects.filter(code=VDCAP_CODE).exists():  # a real VDCAP file (load_vdcap) stays
        stdout.write(str(framework_load_file(path=VDCAP_FILE)))
    created, updated = indicators_load_file(path=INDICATORS_FILE)
    stdout.write(f"monitored indicators: {created} created, {updated} updated")
    load_values(stdout)
