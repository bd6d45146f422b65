"""Calendar arithmetic: dates moved by whole years and months, ages, years as a fraction."""

from __future__ import annotations

import datetime as dt
import math


def add_years(date: dt.date, years: int) -> dt.date:
    """``date`` moved by whole years; 29 February becomes 28 February in other years."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` moved by whole calendar months; a day the month lacks becomes its last day
    (31 January + 1 month is 28 or 29 February)."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    first_of_next = dt.date(year + (month == 11), (month + 1) % 12 + 1, 1)
    last_day = (first_of_next - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(date.day, last_day))


def whole_months(first: dt.date, last: dt.date) -> tuple[int, int]:
    """The calendar months from ``first`` through ``last`` (both days included), and the days
    left over: 2025-06-02 to 2026-06-01 is (12, 0), 2025-06-03 to 2026-06-01 is (11, 30)."""
    end = last + dt.timedelta(days=1)
    months = (end.year - first.year) * 12 + end.month - first.month
    if add_months(first, months) > end:
        months -= 1
    return months, (end - add_months(first, months)).days


_YEAR_DAYS = 365.25


def years_back(date: dt.date, years: float) -> dt.date:
    """``date`` less ``years``: whole calendar years, then the fraction as whole days (rounded
    down, so the day found is never earlier than the figure allows)."""
    whole = math.floor(years)
    days = math.floor((years - whole) * _YEAR_DAYS)
    if whole >= date.year:
        return dt.date.min
    return add_years(date, -whole) - dt.timedelta(days=days)


def years_on(date: dt.date, years: float) -> dt.date:
    """``date`` plus ``years``: whole calendar years, then the fraction as whole days (rounded
    up, so the day found is never earlier than the figure asks)."""
    whole = math.floor(years)
    days = math.ceil((years - whole) * _YEAR_DAYS)
    if date.year + whole > dt.MAXYEAR - 1:
        return dt.date.max
    return add_years(date, whole) + dt.timedelta(days=days)


def years_between(start: dt.date, end: dt.date) -> float:
    """The years from ``start`` to ``end``, rounded *down* to 2 decimals: a figure below a
    threshold is never shown as the threshold."""
    if end <= start:
        return 0.0
    whole = end.year - start.year
    if add_years(start, whole) > end:
        whole -= 1
    rest = (end - add_years(start, whole)).days
    return math.floor((whole + rest / _YEAR_DAYS) * 100) / 100


def age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
