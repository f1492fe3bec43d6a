"""When a statement request (*lausuntopyyntö*) from the national system is to be answered, for the due list.

Työttömyysturvalaki 1290/2002, 11 luku 4 § (as amended by 385/2023) has the employment authority give the labour
policy statement that binds Kela or the unemployment fund, and sets no number of days for it; nor does Laki
työvoimapalveluiden järjestämisestä 380/2023. What applies is hallintolaki 434/2003, 23 § 1 mom.: a matter is
handled without undue delay (*ilman aiheetonta viivytystä*), and the benefit waits on the statement. So a request
is due from the day it was made, and the due list shows how many days it has waited, not a later day it falls due.
"""

from __future__ import annotations

from datetime import date

ANSWER_RULE = "hallintolaki 434/2003 23 § (without undue delay)"


def answer_due_on(requested_on: date) -> date:
    """The day from which the request is to be answered: the day it was made (no later day is set in law)."""
    return requested_on
