"""heldout-h's ESI 4 and 5 cases: stable, vital signs outside the danger zone for the age, one
resource expected (ESI 4) or none (ESI 5) (decision point C); plain_case.py says how."""

from __future__ import annotations

from corpora.triage_vignettes.plain_case import Case

ONE_RESOURCE = (  # ESI 4: one resource (an X-ray, a lab test, a simple procedure, a consult)
    Case(
        4,
        (),
        (18, 60),
        ("hand laceration", "cut finger"),
        (
            "Cut palm of left hand on a kitchen knife 1 h ago, 3 cm, bleeding stopped with a "
            "towel. Full movement of fingers, no numbness. Tetanus up to date.",
            "Sliced finger on broken glass while washing up, gaping 2 cm cut, oozing. Sensation "
            "intact.",
        ),
        injection=True,
    ),
    Case(
        4,
        (),
        (16, 45),
        ("ankle injury", "rolled ankle"),
        (
            "Went over on right ankle stepping off a kerb, swollen over the outer ankle bone, "
            "can walk with a limp. Pain 4/10.",
            "Twisted ankle at netball, tender laterally, took 4 steps with difficulty. No "
            "deformity.",
        ),
    ),
    Case(
        4,
        (),
        (18, 40),
        ("burning urine", "UTI symptoms"),
        (
            "Stinging when passing urine and going frequently for 2 days. No fever, no back "
            "pain, no vaginal discharge. Not pregnant.",
            "Cystitis symptoms since Saturday, some lower tummy discomfort. Denies loin pain, "
            "temp normal.",
        ),
        sex="F",
    ),
    Case(
        4,
        (),
        (8, 50),
        ("finger injury", "jammed finger"),
        (
            "Caught right ring finger in a car door, swollen and bruised, nail intact, pain 5/10.",
            "Basketball hit the tip of the little finger, can't straighten it fully, swollen.",
        ),
    ),
    Case(
        4,
        (),
        (19, 38),
        ("burning urine in pregnancy", "urine infection, pregnant"),
        (
            "12/40 pregnant, dysuria and frequency 2 days. Denies vaginal bleeding, abdominal "
            "pain or fever.",
            "14 weeks pregnant, stinging urine, GP closed. No pain, no bleeding, feels well.",
        ),
        sex="F",
    ),
    Case(
        4,
        (),
        (22, 60),
        ("something in eye", "eye foreign body"),
        (
            "Grinding metal without goggles, felt something fly into right eye, gritty and "
            "watering. Vision normal.",
            "Foreign body sensation left eye since sanding a door this morning, red, tearing. "
            "Reading the chart fine.",
        ),
        sex="M",
    ),
    Case(
        4,
        (),
        (18, 50),
        ("abscess", "painful lump"),
        (
            "Painful swollen lump in the left armpit for 4 days, now pointing with a yellow "
            "head. No fever, eating and drinking.",
            "Boil on the buttock getting bigger, very tender, fluctuant. Otherwise well, "
            "denies fever.",
        ),
    ),
    Case(
        4,
        (),
        (15, 40),
        ("wrist pain after fall", "wrist injury"),
        (
            "Fell off bike onto outstretched hand, tender in the anatomical snuffbox, no "
            "deformity, moves fingers.",
            "FOOSH on the ice yesterday, wrist aching, swollen on the thumb side.",
        ),
    ),
    Case(
        4,
        (),
        (22, 55),
        ("needlestick injury", "sharps injury"),
        (
            "Staff nurse, needlestick from a used insulin needle 1 h ago, squeezed and washed. "
            "Source patient known.",
            "Cleaner pricked thumb on a discarded needle in a bin bag. Wound washed, small "
            "puncture.",
        ),
    ),
    Case(
        4,
        (),
        (20, 50),
        ("stress, wants to talk to someone", "anxiety"),
        (
            "Anxious about work and money, not sleeping, wants to see the mental health team. "
            "Denies SI/HI, no self-harm, calm and cooperative.",
            "Panic attacks for a week, settled now. Requests referral. No thoughts of harming "
            "self or others.",
        ),
    ),
    Case(
        4,
        (),
        (2, 5),
        ("chin cut", "cut on face"),
        (
            "Tripped at nursery and split chin on a table edge, 1.5 cm gaping cut, bleeding "
            "stopped. No loss of consciousness, playing.",
            "Fell off the sofa, laceration under the chin, cried straight away, behaving "
            "normally since.",
        ),
    ),
    Case(
        4,
        (),
        (1, 4),
        ("not using arm", "sore elbow"),
        (
            "Dad swung her up by the hands, cried and now holds the right arm still by her side, "
            "won't use it. No swelling.",
            "Pulled by the wrist crossing the road, refuses to move left arm, no deformity.",
        ),
        sex="F",
    ),
    Case(
        4,
        (),
        (72, 88),
        ("cough", "chesty cough"),
        (
            "Cough for a week after a cold, some white phlegm, feels tired. Eating and "
            "drinking, denies shortness of breath or chest pain.",
            "Lingering cough, GP wants a chest X-ray, otherwise well, walking about.",
        ),
        vitals={"temp": (37.2, 37.8), "spo2": (95, 98), "rr": (14, 18), "hr": (70, 88)},
    ),
    Case(
        4,
        (),
        (3, 8),
        ("swallowed a coin", "coin ingestion"),
        (
            "Swallowed a 10p coin 1 h ago. Eating a biscuit in triage, no drooling, no pain, "
            "breathing normally.",
            "Mum saw him swallow a small coin, coughed once then fine, no vomiting.",
        ),
        sex="M",
    ),
)

NO_RESOURCES = (  # ESI 5: examination and perhaps oral medication or a prescription only
    Case(
        5,
        (),
        (14, 35),
        ("sore throat", "throat pain"),
        (
            "Sore throat 3 days, painful to swallow, swallowing fluids fine, no drooling, "
            "voice normal.",
            "Scratchy throat and runny nose since weekend, tonsils look red.",
        ),
        vitals={"temp": (37.4, 38.3)},
        injection=True,
    ),
    Case(
        5,
        (),
        (25, 55),
        ("back pain", "lower back pain"),
        (
            "Lifted a heavy box 2 days ago, pain in the lower back, worse bending. No numbness, "
            "no problems with bladder or bowels, walking normally.",
            "Back pain after gardening, muscular, no leg weakness, denies saddle numbness.",
        ),
    ),
    Case(
        5,
        (),
        (20, 60),
        ("toothache", "dental pain"),
        (
            "Toothache lower left molar for 4 days, painkillers not helping much. No facial "
            "swelling, opening mouth fully.",
            "Broken tooth, throbbing pain, can't get a dentist appointment. Eating OK.",
        ),
    ),
    Case(
        5,
        (),
        (2, 7),
        ("earache", "ear pain"),
        (
            "Pulling at right ear and crying at night for 1 day, mild cold. Drinking well, "
            "playing.",
            "Ear pain since last night after swimming, low-grade temp, eating normally.",
        ),
        vitals={"temp": (37.3, 38.2)},
    ),
    Case(
        5,
        (),
        (60, 85),
        ("medication request", "ran out of tablets"),
        (
            "Ran out of blood pressure tablets while visiting family, no symptoms, feels "
            "well. Denies chest pain or headache.",
            "Lost medication bag on holiday, needs repeat prescription for metformin and "
            "amlodipine. Well.",
        ),
        vitals={"sbp": (128, 148), "hr": (64, 84)},
    ),
    Case(
        5,
        (),
        (18, 45),
        ("itchy rash", "hives"),
        (
            "Itchy raised wheals over arms and trunk since starting amoxicillin yesterday. No "
            "lip or tongue swelling, no wheeze, breathing normally.",
            "Hives after a new washing powder, itchy. Denies throat tightness or difficulty "
            "swallowing.",
        ),
    ),
    Case(
        5,
        (),
        (10, 26),
        ("swallowed something", "ate silica gel"),
        (
            "Found chewing a silica gel sachet from a shoe box, some beads missing. Playing "
            "happily, no coughing or vomiting.",
            "Ate part of a 'do not eat' sachet from a new handbag. Well, no symptoms.",
        ),
        unit="m",
    ),
    Case(
        5,
        (),
        (6, 14),
        ("runny nose and cough", "cold"),
        (
            "Runny nose and cough for 3 days, feeding well, wet nappies, happy in between. "
            "Sibling has the same.",
            "Snuffly, slight temp, breastfeeding normally, alert and smiling.",
        ),
        unit="m",
        vitals={"temp": (37.2, 37.9), "hr": (110, 138), "rr": (24, 34), "spo2": (97, 100)},
    ),
    Case(
        5,
        (),
        (18, 50),
        ("red eye", "sticky eye"),
        (
            "Red right eye with yellow crusting on waking for 2 days, gritty. Vision normal, "
            "no pain, no contact lenses.",
            "Both eyes pink and sticky, child at home has the same. Seeing fine, no "
            "light sensitivity.",
        ),
    ),
    Case(
        5,
        (),
        (2, 9),
        ("bumped head", "head injury"),
        (
            "Ran into a door frame, bump on forehead. Cried immediately, no loss of "
            "consciousness, no vomiting, acting normally.",
            "Fell off a low stool onto carpet, small bruise. No LOC, not drowsy, eating crisps.",
        ),
    ),
)
