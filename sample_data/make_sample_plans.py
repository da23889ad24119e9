"""The sample council's risk register and action plan (sample_data/06-risks-and-actions-aug-2012.xlsx), written by
make_sample_data.py's main().

The register is ILLUSTRATIVE: Sevenoaks' papers print no risk register, so its risks and ratings are invented for the
sample (two registers, May and August 2012, so the pages can show a rating falling, rising and unchanged). The action
plan's actions, leads and deadlines are Sevenoaks' own, as printed in its Housing Strategy Action Plan 2012 (Services
Select Committee, January 2012, ../shared/seeds/sevenoaks-services-select-committee-2012-01.txt); only the statuses,
percentages and commentary at August 2012 are invented.
"""

from __future__ import annotations

from openpyxl import Workbook

COUNCIL = "Council: Sevenoaks District Council"
EOS = "Environmental & Operational Services"
FHR = "Finance & HR"
HC = "Housing & Communications"
ITFM = "IT & Facilities Management"
LDS = "Legal & Democratic Services"
DS = "Development Services"
REGISTERS = ("May 2012", "Aug 2012")

# Ref, title, directorate, service (or None), owner, consequence, (May likelihood, impact), (Aug likelihood, impact),
# target (likelihood, impact), controls. None for a register the risk is not on; "in progress" for no assessment yet.
RISKS = [
    ("SR1", "Homelessness demand exceeds temporary accommodation budget", HC, "Private & Social Housing", "Head of Housing & Communications",
     "Bed and breakfast costs exceed the budget; families placed out of the district", (4, 4), (4, 4), (2, 3),
     "Homelessness prevention fund; two council-leased homes converted to temporary accommodation"),
    ("SR2", "Housing benefit claims backlog after the system upgrade", FHR, "Housing Benefits", "Head of Finance & HR",
     "Claimants wait longer than the 20-day target; subsidy lost on late claims", (4, 3), (3, 3), (2, 2),
     "Agency staff until the backlog clears; weekly backlog report to the Head of Service"),
    ("SR3", "Fuel and disposal costs rise beyond the budget", EOS, "Direct Services", "Head of Environmental & Operational Services",
     "Direct Services overspends; rounds reduced", (3, 3), (4, 4), (3, 2),
     "Rounds re-routed to cut mileage; disposal tonnages reviewed with Kent County Council"),
    ("SR4", "Land charges income falls as personal searches grow", LDS, "Elections & Land Charges", "Head of Legal & Democratic Services",
     "Income below budget", (4, 2), (4, 2), (3, 2), "Monthly income monitoring; fees reviewed"),
    ("SR5", "Loss of the data centre or a key system", ITFM, "IT Services", "Head of IT & Facilities Management",
     "Services cannot take payments or answer calls", (2, 5), (2, 5), (1, 5), "Disaster recovery contract; tested restore plan"),
    ("SR6", "The shared revenues service with Dartford does not deliver its savings", FHR, "Revenues", "Head of Finance & HR",
     "Savings plan short; service standards fall", (2, 4), (2, 3), (2, 2), "Joint board; savings tracked monthly"),
    ("SR7", "Government funding falls further than the medium term financial plan assumes", FHR, None, "Chief Finance Officer",
     "Further savings needed in 2013/14 and beyond", (5, 4), (5, 4), (4, 3), "Ten-year budget; savings plan agreed with members"),
    ("SR8", "The Allocations and Development Management plan is found unsound", DS, "Planning Policy", "Head of Development Services",
     "Sites come forward without the council's policies; appeals lost", None, (3, 4), (2, 3), "Evidence base reviewed; legal advice"),
    ("SR9", "An error in the conduct of the Police and Crime Commissioner election (November 2012)", LDS, "Democratic Services",
     "Head of Legal & Democratic Services", "Result challenged; cost of a re-run", None, "in progress", None,
     "Electoral Commission guidance; staff training"),
]

# Housing Strategy Action Plan 2012, as printed: objective number, action, lead, deadline. Then the invented position at
# August 2012: status, percent complete, commentary.
ACTIONS = [
    ("1", "Agree target for 12/13", "HPM", "11/12: Q4", "complete", 100, "Target of 48 units agreed"),
    ("1", "Review tenure split in response to affordable rent tenure", "HPM", "11/12: Q4", "on track", 75,
     "Awaiting the HCA's framework"),
    ("5", "Review intermediate provision in response to affordable rent tenure", "HPM", "12/13: Q2", "on track", 60, None),
    ("5", "Consider practical issues for intermediate rented housing", "HPM", "12/13: Q2", "at risk", 30,
     "Officer time taken by homelessness casework"),
    ("6", "Undertake options appraisals in partnership with HAS for under-used and outdated social housing stock", "HPM",
     "12/13: Q4", "not started", 0, None),
    ("8", "To agree spending priorities with DC; develop criteria/procedures for best use of funds", "HPM", "11/12: Q4", "late", 50,
     "Criteria drafted; to Cabinet in October"),
    ("10", "Complete 1 new scheme", "HPM", "13/14: Q3", "on track", 20, None),
    ("10", "Develop operational procedure note with DC and Community Development (to cover initial project stages)", "HPM",
     "12/13: Q2", "on track", 80, None),
    ("10", "Review S106 local letting criteria", "HPM", "11/12: Q4", "complete", 100, None),
    ("11", "Review Preferred Partner Agreement/membership; to consider new agreement", "HPM", "11/12: Q4", "late", 40,
     "Partners' responses awaited"),
    ("14", "Provide 4 x new pitches at SDC site (external CLG funding secured and planning consent in place)", "HM", "11/12: Q4",
     "complete", 100, "Pitches let in April"),
    ("18", "Produce domestic sector element of upcoming climate change strategy", "HPM", "12/13: Q2", "at risk", 40, None),
    ("18", "Work with KCC to introduce and facilitate Green Deal", "HPM", "12/13: Q3", "not started", 0, None),
    ("13", "Hold quarterly sub-regional private landlord forums", "HM", None, "on track", None, "Next forum in October"),
]


def _score(pair: object, index: int) -> object:
    if pair == "in progress":
        return "Risk assessment in progress" if index == 0 else None
    return None if pair is None else pair[index]  # type: ignore[index]


def plans_workbook(fixed_times) -> Workbook:  # type: ignore[no-untyped-def]
    """The Risk register sheet (both registers, one row per risk per register) and the Actions sheet."""
    workbook = fixed_times(Workbook())
    register = workbook.active
    register.title = "Risk register"
    register.append([COUNCIL])
    register.append(["Corporate and service risk register, May and August 2012"])
    register.append(["ILLUSTRATIVE: Sevenoaks' papers print no risk register; these risks and ratings are invented for the sample. "
                     "Scales: Very unlikely (1) ... Very likely (5); Minor (1) ... Major (5)."])
    register.append(["Risk ref", "Risk title", "Directorate", "Service", "Risk owner", "Consequence", "Current likelihood",
                     "Current impact", "Target likelihood", "Target impact", "Controls", "Register date"])
    for index, month in enumerate(REGISTERS):
        for ref, title, directorate, service, owner, consequence, may, august, target, controls in RISKS:
            current = (may, august)[index]
            if current is None:
                continue
            register.append([ref, title, directorate, service, owner, consequence, _score(current, 0), _score(current, 1),
                             _score(target, 0), _score(target, 1), controls, month])
    actions = workbook.create_sheet("Actions")
    actions.append([COUNCIL])
    actions.append(["Housing Strategy Action Plan 2012: progress as at August 2012"])
    actions.append(["The actions, leads and deadlines are the plan's, as printed (Services Select Committee, January 2012); "
                    "the statuses, percentages and commentary are ILLUSTRATIVE, invented for the sample."])
    actions.append(["Ref", "Action", "Directorate", "Service", "Owner", "Linked objective", "Due", "Status", "% complete", "Commentary"])
    numbered: dict[str, int] = {}
    for objective, action, lead, due, status, percent, commentary in ACTIONS:
        numbered[objective] = numbered.get(objective, 0) + 1  # the plan's objective, then the action's place in it: 10.2
        actions.append([f"{objective}.{numbered[objective]}", action, HC, "Housing Policy", lead, f"HSAP objective {objective}", due, status,
                        None if percent is None else percent / 100, commentary])
        if percent is not None:
            actions.cell(row=actions.max_row, column=9).number_format = "0%"
    return workbook
