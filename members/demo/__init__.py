"""Demo councils, affiliates and accounts for every role, from the network's papers.

organisations.py holds the councils and affiliates, directory.py each council's
themes, contacts and advocates, accounts.py one account for every role.
"""

from members.demo import accounts, organisations
from members.demo.accounts import DEMO_PASSWORD, accounts_table
from members.models import Organisation

__all__ = ["DEMO_PASSWORD", "accounts_table", "load"]


def load(*, stdout) -> None:
    organisations.load()
    accounts.load()
    stdout.write(
        f"Councils: {Organisation.objects.councils().count()}, "
        f"affiliates: {Organisation.objects.affiliates().count()}"
    )
