"""ECB feed fixtures for the local ECB mirror of the compose test: eurofxref-hist-90d.xml and
eurofxref-daily.xml in the ECB's own format, dated on the last business days up to today (UTC),
so the updater's validator (no date in the future) and the server's freshness check accept them.
The rates are made up but distinct per currency and day, so the API's answer proves where it
came from."""
import datetime
from decimal import Decimal
from pathlib import Path

CURRENCIES = {"USD": Decimal("1.0817"), "JPY": Decimal("163.27"), "GBP": Decimal("0.85143"),
              "CHF": Decimal("0.94321"), "AUD": Decimal("1.6512")}
DAYS = 5

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
        'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n'
        '\t<gesmes:subject>Reference rates</gesmes:subject>\n'
        '\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n'
        '\t<Cube>\n')
TAIL = '\t</Cube>\n</gesmes:Envelope>\n'


def business_days(count: int, today: datetime.date) -> list:
    """The last `count` weekdays up to today, newest first."""
    days, day = [], today
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= datetime.timedelta(days=1)
    return days


def rates_on(index: int) -> dict:
    """The rates of the index-th day back (0 = newest): each currency moves a little per day."""
    return {code: (base + Decimal(index) * base / Decimal(1000)).quantize(Decimal(10) ** (base.as_tuple().exponent - 1))
            for code, base in CURRENCIES.items()}


def cube(day: datetime.date, rates: dict) -> str:
    quotes = "".join(f"\t\t\t<Cube currency='{code}' rate='{rate.normalize():f}'/>\n" for code, rate in rates.items())
    return f"\t\t<Cube time='{day.isoformat()}'>\n{quotes}\t\t</Cube>\n"


def write(directory: Path, today: datetime.date = None) -> dict:
    """Writes both feeds into `directory`; returns {"newest": date, "rates": {code: Decimal}} of the newest day."""
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    days = business_days(DAYS, today)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "eurofxref-hist-90d.xml").write_text(
        HEAD + "".join(cube(day, rates_on(i)) for i, day in enumerate(days)) + TAIL)
    (directory / "eurofxref-daily.xml").write_text(HEAD + cube(days[0], rates_on(0)) + TAIL)
    return {"newest": days[0], "days": days, "rates": {code: Decimal(f"{r.normalize():f}") for code, r in rates_on(0).items()}}
