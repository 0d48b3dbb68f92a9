"""Demo: a second program in its sign-up phase, sixty sign-ups ready to be formed."""

import random
from datetime import timedelta

from django.utils import timezone

from peercircle.accounts.models import CareerStage, User
from peercircle.programs.actions.coordinator import coordinator_grant
from peercircle.programs.actions.program import program_create
from peercircle.programs.models import SignUp, SignupStatus, default_slots

NAME = "Postdoc & Graduate Circles, Spring"
INSTITUTION = "Gateway University"
FIRST = [
    "Aisha",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jamal",
    "Katya",
    "Lucas",
    "Maya",
    "Nikhil",
    "Olga",
    "Pablo",
    "Quinn",
    "Rosa",
    "Stefan",
    "Tara",
    "Umar",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Anil",
    "Bea",
    "Chidi",
    "Dara",
]
LAST = [
    "Adeyemi",
    "Bianchi",
    "Castro",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Gupta",
    "Horvath",
    "Ibrahim",
    "Jensen",
    "Kato",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okonkwo",
    "Petrov",
    "Quintero",
    "Reyes",
    "Sato",
    "Tanaka",
]
DEPARTMENTS = {
    "Biology": ["Chen Lab", "Mbeki Lab", "Ortiz Lab", "Ruiz Lab"],
    "Chemistry": ["Kowalczyk Lab", "Hale Lab", "Singh Lab"],
    "Physics": ["Quantum Optics Lab", "Soft Matter Lab"],
    "Psychology": ["Cognition Lab", "Development Lab"],
    "Computer Science": ["Systems Lab", "Learning Lab", "Graphics Lab"],
    "Sociology": ["Bauer (PI)", "Ng (PI)"],
    "History": ["Morales (PI)"],
    "Economics": ["Labor Group", "Trade Group"],
}
HOPES = [
    "Accountability for writing.",
    "Advice on the job market from people outside my lab.",
    "A place to talk about balancing research and teaching.",
    "Feedback on my fellowship application.",
    "",
]


def fill(*, coordinator: User) -> None:
    now = timezone.now()
    coordinator_grant(user=coordinator)  # so they can start programs in the browser
    program = program_create(
        name=NAME,
        institution=INSTITUTION,
        coordinators=[coordinator],
        description="Small groups of peers who meet monthly, at a time all can make.",
        signup_opens=now - timedelta(days=10),
        signup_closes=now + timedelta(days=20),
        career_stages=[CareerStage.GRADUATE, CareerStage.POSTDOC],
    )
    rng = random.Random(12)
    departments = list(DEPARTMENTS)
    signups = []
    for index in range(60):
        first, last = FIRST[index % len(FIRST)], LAST[(index * 7) % len(LAST)]
        department = departments[index % len(departments)]
        slots = _slots(rng, only_one=index % 12 == 5)
        signups.append(
            SignUp(
                program=program,
                name=f"{first} {last}",
                email=f"{first}.{last}.{index}@example.edu".lower(),
                department=department,
                lab=rng.choice(DEPARTMENTS[department]),
                stage=CareerStage.GRADUATE if index % 3 else CareerStage.POSTDOC,
                availability=slots,
                hopes=HOPES[index % len(HOPES)],
                status=SignupStatus.CONFIRMED if index != 59 else SignupStatus.PENDING,
            )
        )
    made = SignUp.objects.bulk_create(signups)
    # A few people asked not to be grouped with someone; the coordinator confirmed them.
    for source, target in ((0, 3), (10, 22), (31, 34)):
        made[source].avoid_text = made[target].name
        made[source].save(update_fields=["avoid_text"])
        made[source].avoid.add(made[target])


def _slots(rng: random.Random, *, only_one: bool) -> list[str]:
    offered = default_slots()  # the demo program's slots, in the language it was built in
    if only_one:
        return [rng.choice(offered[:3])]
    weights = [3, 4, 5, 2, 1]
    chosen = {rng.choices(offered, weights)[0] for _ in range(3)}
    return [slot for slot in offered if slot in chosen]
