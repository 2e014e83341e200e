"""The lesson "Writing SMART UPR Recommendations": content written by the team from the rubric."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Letter:
    """One SMART criterion as taught: what it asks, a weak and a strong example."""

    key: str
    letter: str
    name: str
    asks: str
    weak: str
    weak_why: str
    strong: str
    strong_why: str
    tip: str

    @property
    def slug(self) -> str:
        """URL name of the letter's page (the engine's finding links use these)."""
        return self.key.replace("_", "-")

    @property
    def topics(self) -> tuple[tuple[str, str, str], ...]:
        """(anchor, title, explanation) of the ways a draft falls short on this letter."""
        return TOPICS.get(self.key, ())


LETTERS: tuple[Letter, ...] = (
    Letter(
        "specific",
        "S",
        "Specific",
        "A well-defined action on an identifiable right, issue or group: a concrete verb "
        "(adopt, amend, ratify, establish, investigate) and a named object (a law, a treaty, "
        "a body, a plan, a defined group).",
        "Take measures to protect the rights of persons with disabilities.",
        "“Take measures” is general action: it names no act anyone could point to.",
        "Amend the Building Code by 2027 to require step-free access for persons with "
        "disabilities to all new public buildings.",
        "A legal verb and a named law: everyone knows what has to change.",
        "Ask: which law, body, plan or practice must change, and who does it?",
    ),
    Letter(
        "measurable",
        "M",
        "Measurable",
        "At the next review, anyone can verify whether it was done: a discrete deliverable "
        "(a law adopted, a treaty ratified, a report published) or a number, percentage or "
        "indicator.",
        "Improve the situation of children in detention.",
        "“Improve the situation” is a result with no end point: it can never be checked.",
        "Publish annual data, disaggregated by age and sex, on children held in pre-trial "
        "detention, and reduce their number by half by 2028.",
        "A published data set and a target: the next review can count.",
        "Ask: what would a researcher look for in four years to say “done”?",
    ),
    Letter(
        "achievable",
        "A",
        "Achievable",
        "One bounded action the State under review can take within one review cycle "
        "(about four and a half years). Political will is not the test: abolishing the death "
        "penalty is achievable.",
        "Eradicate poverty and eliminate all forms of discrimination, and end all violence "
        "against women.",
        "Absolute outcomes, three actions at once: no State can deliver this in a cycle.",
        "Allocate a budget line for shelters for women survivors of violence in each region "
        "in the 2026 national budget.",
        "One action, in the State's own hands, with a first step it can take now.",
        "Ask: can the government do this itself, in one cycle? One issue, one action.",
    ),
    Letter(
        "relevant",
        "R",
        "Relevant",
        "A real human-rights issue of the State under review, anchored in an affected group or "
        "an international standard (a treaty, a treaty-body recommendation, an SDG target, an "
        "earlier UPR recommendation).",
        "Give due attention to the specific circumstances of the country.",
        "No right, no group, no standard: nothing to act on.",
        "Ratify the Optional Protocol to the Convention against Torture by 2027 and designate a "
        "national preventive mechanism, as recommended by the Committee against Torture.",
        "Names the issue (torture prevention), the treaty and the body that asked before.",
        "Ask: which right, whose right, and which standard already asks for this?",
    ),
    Letter(
        "time_bound",
        "T",
        "Time-bound",
        "Says by when: a year (“by 2027”), a duration (“within 12 months”), a review milestone "
        "(“before its next review”). Deadlines are where drafts gain most: almost no "
        "recommendation has one.",
        "Establish a national human rights institution as soon as possible.",
        "“As soon as possible” is urgency without a date: it never becomes late.",
        "Establish, by the end of 2027, a national human rights institution in full compliance "
        "with the Paris Principles.",
        "A year the next review can hold the State to.",
        "Ask: by which year, or before which review, should this be done?",
    ),
)

TOPICS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "specific": (
        (
            "continuity",
            "“Continue”, “maintain”, “pursue”",
            "Continuity verbs ask the State to keep doing what it already does. Nothing new is "
            "asked, so nothing new can be checked. Name the next step instead.",
        ),
        (
            "consideration",
            "“Consider”, “study”, “explore”",
            "A State fulfils “consider ratifying” by thinking about it. Ask for the act itself: "
            "“ratify”, not “consider ratifying”.",
        ),
        (
            "general",
            "General action: “ensure”, “promote”, “take measures”",
            "General verbs set a direction but name no deed. Keep them only if you add the means: "
            "“Ensure … by amending Article 5 of the Labour Code”.",
        ),
        (
            "minimal",
            "Seeking assistance, sharing information",
            "Asking the State to seek technical assistance or share its experience is minimal "
            "action. Ask for what the assistance should produce.",
        ),
        (
            "object",
            "A vague object: “measures”, “the situation”",
            "A concrete verb needs a concrete object: which law, article, body, plan or group. "
            "If you do not know the name, write a placeholder like [name of the law] and fill it "
            "in before you submit.",
        ),
        (
            "placeholders",
            "Placeholders in [square brackets]",
            "Suggested rewrites put what only you know in square brackets: [name of the law], "
            "[year], [number]. Replace every one with the real law, body, figure or date before "
            "the recommendation leaves your desk; a bracket left in is a recommendation "
            "nobody can act on.",
        ),
    ),
    "measurable": (
        (
            "open-ended",
            "Open-ended effort",
            "“Step up efforts” and “continue to work towards” have no end point: at the next "
            "review nobody can say whether they were done.",
        ),
        (
            "end-state",
            "A deliverable with no end state",
            "“Develop a strategy” can be in development for ever. Ask for the observable end "
            "state: “adopt and publish a strategy”.",
        ),
        (
            "targets",
            "Indicators and targets",
            "A number, a percentage, “disaggregated data on …” or “an annual public report on …” "
            "let anyone verify progress. An indicator needs a target to be checkable.",
        ),
    ),
    "achievable": (
        (
            "absolute",
            "Absolute outcomes",
            "“Eradicate poverty”, “end all violence”, “eliminate all discrimination”: no State "
            "can deliver these in one cycle, so they are never done. Ask for the step that leads "
            "there.",
        ),
        (
            "addressee",
            "Addressed to someone else",
            "A recommendation to the international community or to other States cannot be "
            "implemented by the State under review. Address the State under review.",
        ),
        (
            "one-action",
            "One issue, one action",
            "Three demands joined by “and” are three recommendations. Bundles get noted, or "
            "half-done. Split them, and keep the most important one.",
        ),
        (
            "programme",
            "A large programme with no first step",
            "“Undertake a comprehensive reform of the justice system” or “universal access to "
            "health care” cannot be finished, or checked, in one cycle. Name the first bounded "
            "step: a law, a plan with targets, a pilot in named districts.",
        ),
        (
            "contradiction",
            "Asking for two things that cancel out",
            "“Ratify the CRPD while keeping the laws that deny legal capacity” asks for a change "
            "and for what undoes it. Ask for one consistent change.",
        ),
    ),
    "relevant": (
        (
            "anchor",
            "Anchor it in a group or a standard",
            "Name who is affected (women, children, detainees, a minority) or the standard that "
            "already asks for it: a treaty, a treaty-body or special-procedure recommendation, "
            "an SDG target, an earlier UPR recommendation (“as previously recommended”).",
        ),
        (
            "addressee",
            "About the State under review",
            "Cooperation with the UN, sharing experience with other countries, or a call on the "
            "international community is not a human-rights issue in the State under review. "
            "Name the issue there and what its authorities should do.",
        ),
    ),
    "time_bound": (
        (
            "urgency",
            "Urgency without a date",
            "“As soon as possible”, “without delay”, “as a matter of priority” never become "
            "late. Give a year, a duration (“within 12 months”) or a milestone (“before its "
            "next review”, “before the mid-term report”).",
        ),
    ),
}

CYCLE: tuple[tuple[str, str], ...] = (
    (
        "Preparation",
        "The State writes its national report; UN bodies and civil society send "
        "their information (stakeholder submissions).",
    ),
    (
        "Review",
        "In Geneva, in the Working Group, other States ask questions and make "
        "recommendations in an interactive dialogue.",
    ),
    (
        "Responses",
        "The State says which recommendations it supports and which it notes; the "
        "Human Rights Council adopts the outcome.",
    ),
    (
        "Implementation",
        "Over the next four and a half years the State acts, ideally with a plan, "
        "and civil society monitors, for example with a mid-term report.",
    ),
    (
        "Next review",
        "The State reports on what it did. A SMART recommendation can be read "
        "as an indicator: done or not done.",
    ),
)

MISTAKES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "hedges",
        "Hedges",
        "“as appropriate”, “where possible”, “all necessary measures”, “in accordance "
        "with national legislation”: each gives the State a reason not to act.",
        "Take all necessary measures, where possible, to combat child labour.",
        "Raise the minimum age of employment to 15 in the Labour Code by 2027, in line with "
        "ILO Convention No. 138.",
    ),
    (
        "continue-efforts",
        "“Continue efforts”",
        "Continuity verbs (continue, maintain, pursue) ask for nothing new "
        "and sit at step 2 of the ladder.",
        "Continue efforts to promote gender equality.",
        "Adopt, by 2027, a national action plan on equality for women with annual targets.",
    ),
    (
        "considering",
        "Considering",
        "“Consider”, “study”, “explore” are fulfilled by thinking: step 3.",
        "Consider ratifying the Convention on the Rights of Persons with Disabilities.",
        "Ratify the Convention on the Rights of Persons with Disabilities before the next review.",
    ),
    (
        "several-actions",
        "Several actions in one",
        "Bundled demands get noted, and are half-done at best. One issue, one action: split them.",
        "Strengthen the judiciary, fight corruption, improve prisons and train the police.",
        "Adopt a law on the judicial council that gives it sole power to appoint judges, by 2027, "
        "in line with the UN Basic Principles on the Independence of the Judiciary.",
    ),
    (
        "results",
        "Results, not actions",
        "“Eliminate all discrimination” names a wish, not a deed.",
        "Eliminate all forms of discrimination against minorities.",
        "Enact, within two years, a comprehensive anti-discrimination law that protects ethnic "
        "minorities.",
    ),
    (
        "too-long",
        "Too long to read",
        "Officials skim. Past about 40 words a recommendation is hard to read and to act on: "
        "move the background and the reasons into your submission.",
        "Recognising the progress made since the last review and the challenges that remain, "
        "and bearing in mind the concerns expressed by civil society and by several treaty "
        "bodies, take further steps to improve the protection of the rights of persons with "
        "disabilities in all areas of life.",
        "Adopt, by 2027, a law that requires reasonable accommodation for persons with "
        "disabilities in employment.",
    ),
)


@dataclass(frozen=True)
class Question:
    """A quiz question with its choices, the right answer and why."""

    key: str
    prompt: str
    quote: str
    choices: tuple[tuple[str, str], ...]
    answer: str
    explain: str


QUIZ: tuple[Question, ...] = (
    Question(
        "q1",
        "Which SMART criterion does this recommendation fail most clearly?",
        "Adopt a law criminalising domestic violence.",
        (("s", "Specific"), ("m", "Measurable"), ("t", "Time-bound")),
        "t",
        "It names a concrete act (adopt a law) that can be verified, but it says nothing about "
        "when. Add “by 2027” or “before the next review”.",
    ),
    Question(
        "q2",
        "Which action category (UPR Info ladder) is this?",
        "Continue its efforts to improve access to education for Roma children.",
        (("2", "2 — continuing action"), ("4", "4 — general action"), ("5", "5 — specific action")),
        "2",
        "It starts with “continue”: continuing action, step 2. Nothing new is asked.",
    ),
    Question(
        "q3",
        "What is the best fix for this recommendation?",
        "Consider the possibility of ratifying the Optional Protocol to the Convention against "
        "Torture, as appropriate.",
        (
            ("a", "Add “urgently” at the start"),
            ("b", "Ratify the Optional Protocol to the Convention against Torture by 2027"),
            (
                "c",
                "Consider ratifying the Optional Protocol in accordance with national legislation",
            ),
        ),
        "b",
        "Drop the hedge and the “consider”: a concrete verb, a named treaty and a year. "
        "“Urgently” is urgency without a date, and “in accordance with national legislation” "
        "is another hedge.",
    ),
    Question(
        "q4",
        "Why is this recommendation not Achievable?",
        "Eradicate all violence against children.",
        (
            ("a", "Because the State may not want to"),
            ("b", "Because no State can deliver an absolute outcome within one cycle"),
            ("c", "Because it is not a human-rights issue"),
        ),
        "b",
        "Political will is not the test. An absolute outcome can never be reached in four and a "
        "half years; ask for a step the State can take, such as a law banning corporal "
        "punishment in all settings.",
    ),
    Question(
        "q5",
        "Which of these is SMART?",
        "",
        (
            ("a", "Strengthen efforts to protect journalists."),
            (
                "b",
                "Investigate all attacks on journalists reported since 2020 and publish the "
                "results by the end of 2026.",
            ),
            (
                "c",
                "Take all necessary measures to guarantee freedom of expression, as appropriate.",
            ),
        ),
        "b",
        "A concrete action (investigate, publish) on a defined group, a verifiable deliverable "
        "and a deadline. The others are general action with hedges.",
    ),
)


def grade(answers: dict[str, str]) -> tuple[int, dict[str, bool]]:
    """Score a set of quiz answers: (number right, right/wrong per answered question)."""
    results = {q.key: answers[q.key] == q.answer for q in QUIZ if answers.get(q.key)}
    return sum(results.values()), results
