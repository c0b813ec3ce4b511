"""Chinese lunar calendar for 2000-2100: enough to place the lunar holidays of a year.

The statutory holidays that move with the lunar calendar (Spring Festival, Dragon Boat, Mid-Autumn)
need the Gregorian date of a lunar date. ``_TABLE`` holds one entry per lunar year, derived from an
astronomical calendar (new moons and solar terms at UTC+8) and cross-checked against a second,
independent table and against the official holiday dates in ``chinese_calendar`` (2004-2026; tests):

    "MMDD" Gregorian date of the lunar new year (正月初一), in the same Gregorian year
    one hex digit: the leap month (闰月) follows this month, 0 for none
    one bit per month in order (a leap month right after its month): 1 = 30 days, 0 = 29 days

The two sources disagree on one day only, the first day of the ninth month of 2057 (a new moon a
few minutes from midnight); no holiday depends on it. Qingming (清明) is a solar term and is given
by the usual 21st-century formula, which matches astronomical times for 2000-2099.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FIRST_YEAR = 2000
LAST_YEAR = 2100

# fmt: off
_TABLE = (
    "02050110010010110", "012441101010010101", "02120110101001010",  # 2000
    "02010110110100101", "012220101101010101", "02090010101101010",  # 2003
    "012971010101011011", "02180001001011101", "02070100100101101",  # 2006
    "012651100100101011", "02140101010010101", "02030101101001010",  # 2009
    "012341011010101010", "02100101011010101", "013190101010110101",  # 2012
    "02190010010111010", "02080101001011011", "012860101001010111",  # 2015
    "02160010100101011", "02050101010010011", "012540111010010101",  # 2018
    "02120011010101010", "02010101011010101", "012220100110110101",  # 2021
    "02100010010110110", "012961010010101110", "02170101001001110",  # 2024
    "02060110100100110", "012651110100100110", "02130110101010011",  # 2027
    "02030010110101010", "012330110101101010", "02110100101101101",  # 2030
    "0131b0100101011101", "02190010010101101", "02080101001001101",  # 2033
    "012861101001001011", "02150110100100101", "02040110101010010",  # 2036
    "012451101101010100", "02120101101011010", "02010010101101101",  # 2039
    "012220100101011011", "02100010010011011", "013071010010010111",  # 2042
    "02170101001001011", "02060101010100101", "012651011010100101",  # 2045
    "02140011011010010", "02020101011011010", "012330101010110110",  # 2048
    "02110100100110111", "020180100100101111", "02190010010010111",  # 2051
    "02080011001001011", "012860110101001010", "02150111010100101",  # 2054
    "02040011010110010", "012441010101101100", "02120101010101110",  # 2057
    "02020100100101110", "012131100100101110", "02090110010010110",  # 2060
    "012971101010010101", "02170110101001010", "02050110110100101",  # 2063
    "012650101101010101", "02140010101101010", "02030101001101101",  # 2066
    "012340101001011101", "02110010100101101", "013181010100101011",  # 2069
    "02190101010010101", "02070101101001010", "012761011010101010",  # 2072
    "02150101011010101", "02050010101011010", "012441010010111010",  # 2075
    "02120101001011011", "02020010100101011", "012231010100100111",  # 2078
    "02090011010010011", "012970111001010011", "02170011010101010",  # 2081
    "02060101011010101", "012650100110110101", "02140010010110110",  # 2084
    "02030101001010111", "012440101001001110", "02100110100010110",  # 2087
    "013081110100100110", "02180110101010010", "02070110110101010",  # 2090
    "012760110101101010", "02150010101101101", "02050010010101110",  # 2093
    "012541010010011101", "02120101000101101", "02010110100010101",  # 2096
    "012121101100100101", "02090110101010010",  # 2099
)
# fmt: on


@dataclass(frozen=True)
class LunarYear:
    """One lunar year: when it starts, its leap month (0 for none) and the length of each month."""

    year: int
    new_year: dt.date
    leap_month: int
    month_days: tuple[int, ...]  # in calendar order, the leap month right after its month

    def month_index(self, month: int, leap: bool = False) -> int:
        """Position of ``month`` (1-12, ``leap`` for the 闰 month) in ``month_days``."""
        if not 1 <= month <= 12:
            raise ValueError(f"lunar month out of range: {month}")
        if leap and month != self.leap_month:
            raise ValueError(f"lunar year {self.year} has no leap month {month}")
        index = month - 1
        if self.leap_month and (month > self.leap_month or (leap and month == self.leap_month)):
            index += 1
        return index

    @property
    def days(self) -> int:
        return sum(self.month_days)


def _parse(year: int, entry: str) -> LunarYear:
    new_year = dt.date(year, int(entry[0:2]), int(entry[2:4]))
    leap = int(entry[4], 16)
    bits = entry[5:]
    if len(bits) != (13 if leap else 12):
        raise AssertionError(f"bad lunar table entry for {year}")
    return LunarYear(year, new_year, leap, tuple(30 if b == "1" else 29 for b in bits))


_YEARS = {FIRST_YEAR + i: _parse(FIRST_YEAR + i, e) for i, e in enumerate(_TABLE)}


def covers(year: int) -> bool:
    """True if the lunar year ``year`` is in the table."""
    return FIRST_YEAR <= year <= LAST_YEAR


def lunar_year(year: int) -> LunarYear:
    """The lunar year that starts in Gregorian ``year``; ValueError outside 2000-2100."""
    try:
        return _YEARS[year]
    except KeyError:
        raise ValueError(f"lunar year {year} is outside {FIRST_YEAR}-{LAST_YEAR}") from None


def lunar_new_year(year: int) -> dt.date:
    """Gregorian date of 正月初一 of the lunar year starting in ``year``."""
    return lunar_year(year).new_year


def to_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """Gregorian date of lunar ``year``-``month``-``day`` (``leap`` for the 闰 month)."""
    info = lunar_year(year)
    index = info.month_index(month, leap)
    if not 1 <= day <= info.month_days[index]:
        raise ValueError(f"lunar {year}-{month}-{day} does not exist")
    return info.new_year + dt.timedelta(days=sum(info.month_days[:index]) + day - 1)


def from_solar(date: dt.date) -> tuple[int, int, int, bool]:
    """Lunar (year, month, day, is_leap_month) of a Gregorian date in the table's range."""
    year = min(date.year, LAST_YEAR)
    if year == date.year and date < lunar_new_year(year):
        year -= 1
    info = lunar_year(year)
    offset = (date - info.new_year).days
    if not 0 <= offset < info.days:
        raise ValueError(f"{date} is outside the lunar table")
    for index, length in enumerate(info.month_days):
        if offset < length:
            if info.leap_month and index == info.leap_month:
                return info.year, info.leap_month, offset + 1, True
            month = index + 1 - (1 if info.leap_month and index > info.leap_month else 0)
            return info.year, month, offset + 1, False
        offset -= length
    raise AssertionError("unreachable")  # pragma: no cover - offset < info.days


def qingming(year: int) -> dt.date:
    """Date of the solar term 清明 (Pure Brightness, Tomb-sweeping Day) in ``year`` (2000-2100)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    if year == 2100:  # not a leap year: the formula's leap-day count is off by one
        return dt.date(2100, 4, 5)
    y = year % 100
    return dt.date(year, 4, int(y * 0.2422 + 4.81) - y // 4)
