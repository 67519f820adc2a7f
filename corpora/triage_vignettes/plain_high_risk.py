"""heldout-h's ESI 2 cases: a high-risk situation, new confusion or lethargy, severe pain or
distress (decision point B) or danger-zone vital signs (D); plain_case.py says how."""

from __future__ import annotations

from corpora.triage_vignettes.plain_case import Case

HIGH_RISK = (  # ESI 2: high-risk situation, new confusion/lethargy, severe pain (B) or vitals (D)
    Case(
        2,
        ("Chest Pain",),
        (49, 72),
        ("chest pain", "central chest tightness"),
        (
            "Crushing central chest pain for 40 min, radiating to the left arm and jaw, sweaty "
            "and nauseated. Smoker, diabetic. Looks well otherwise.",
            "Woke up with pressure in the middle of the chest 'like an elephant sitting on me', "
            "going into the neck. Took 2 aspirin at home.",
        ),
        sex="M",
        vitals={"hr": (74, 96), "sbp": (132, 158), "spo2": (96, 99)},
        injection=True,
    ),
    Case(
        2,
        ("Stroke Symptoms",),
        (66, 88),
        ("weakness one side", "slurred speech"),
        (
            "Wife noticed his speech suddenly slurred at breakfast 50 min ago, right arm heavy "
            "and dropping his cup, right side of face drooping. Last known well 07:30.",
            "Sudden right-sided weakness and difficulty finding words since 1 h ago. Can't lift "
            "right arm against gravity. AF, not on anticoagulation.",
        ),
        sex="M",
        vitals={"sbp": (168, 198)},
    ),
    Case(
        2,
        ("Stroke Symptoms",),
        (55, 82),
        ("vision loss and numbness", "jumbled speech"),
        (
            "Sudden loss of the left half of vision in both eyes and numb, clumsy left hand "
            "since 1 h ago, a little better now. Denies headache.",
            "Woke with words coming out jumbled and the right hand not working properly. Last "
            "seen well going to bed at 23:00.",
        ),
        sex="F",
        vitals={"sbp": (150, 176)},
    ),
    Case(
        2,
        ("Anaphylaxis",),
        (16, 40),
        ("allergic reaction", "lips swelling after prawns"),
        (
            "Ate prawns 30 min ago, lips swelling, vomited twice, itching all over with hives. "
            "Used own adrenaline pen in the car. Voice normal, no stridor.",
            "Known shellfish allergy, accidental exposure at a restaurant. Swollen lips, "
            "crampy abdominal pain and vomiting, widespread urticaria. Breathing comfortably.",
        ),
        vitals={"sbp": (112, 130), "hr": (88, 99), "spo2": (96, 99)},
    ),
    Case(
        2,
        ("Suicidal Ideation",),
        (19, 55),
        ("suicidal thoughts", "wants to die"),
        (
            "Brought by sister. States a plan to hang self, bought a rope "
            "yesterday. Lost job, marriage ended. Calm, flat affect.",
            "Self-referred: thoughts of ending own life for 2 weeks, has a plan to jump from "
            "the car park roof tonight. Tearful. No ingestion today.",
        ),
        injection=True,
    ),
    Case(
        2,
        ("Suicidal Ideation",),
        (15, 24),
        ("took tablets", "intentional overdose"),
        (
            "Took 24 x 500 mg paracetamol about 2 h ago after an argument with boyfriend, "
            "wanted to die. Now regrets it. Alert, mild nausea.",
            "Swallowed a packet of her mum's sertraline and some paracetamol 3 h ago 'to make it "
            "all stop'. Talking, oriented.",
        ),
        sex="F",
    ),
    Case(
        2,
        ("Obstetric Emergency",),
        (22, 40),
        ("headache in pregnancy", "blurred vision"),
        (
            "G2P1, 34/40. Severe frontal headache since this morning, seeing flashing lights, "
            "swollen face and hands, epigastric pain.",
            "35 weeks pregnant, first baby. Headache not helped by paracetamol, vision blurry, "
            "urine dip protein 3+ at GP.",
        ),
        sex="F",
        vitals={"sbp": (162, 182), "hr": (84, 98)},
    ),
    Case(
        2,
        ("Sepsis Signs",),
        (8, 24),
        ("fever in newborn", "hot and not feeding"),
        (
            "Term baby, uneventful delivery. Felt hot this evening, feeding less than usual, "
            "sleepier. Axillary temp at home 38.4.",
            "Parents noticed baby warm and not interested in feeds since lunchtime. No rash. "
            "Fewer wet nappies today.",
        ),
        unit="d",
        vitals={"temp": (38.2, 38.7), "hr": (150, 172), "rr": (40, 48)},
    ),
    Case(
        2,
        ("Altered Mental Status", "Sepsis Signs"),
        (76, 92),
        ("new confusion", "acting strange"),
        (
            "Daughter says patient is normally independent and sharp. Since yesterday muddled, "
            "thinks it is 1985, burning when passing urine, shivering.",
            "Lives alone, neighbour found wandering in the garden in his pyjamas, "
            "disoriented to place and time. Hot to touch, smelly urine.",
        ),
        vitals={"temp": (38.3, 38.9), "hr": (86, 98), "sbp": (112, 138)},
    ),
    Case(
        2,
        ("Chest Pain", "Shortness Of Breath"),
        (24, 42),
        ("sharp chest pain, short of breath", "breathless, pain on breathing in"),
        (
            "On the combined pill, returned from a 13 h flight 3 days ago. Right-sided chest pain "
            "worse on deep breath, breathless walking, right calf swollen.",
            "Post-partum 3 weeks. Sudden breathlessness and pleuritic left chest pain this "
            "afternoon, coughed up a streak of blood.",
        ),
        sex="F",
        vitals={"hr": (112, 126), "rr": (22, 28), "spo2": (89, 93), "sbp": (128, 142)},
    ),
    Case(
        2,
        (),
        (11, 16),
        ("testicular pain", "pain in testicle"),
        (
            "Woke at 05:00 with sudden severe pain in the left testicle, vomited twice. "
            "Pain 9/10, walking bent over.",
            "Sudden right scrotal pain during football 2 h ago, swollen and very tender, nausea. "
            "Too embarrassed to tell parents at first.",
        ),
        sex="M",
    ),
    Case(
        2,
        (),
        (28, 55),
        ("flank pain", "kidney pain"),
        (
            "Sudden right loin to groin pain 1 h ago, pain 10/10, cannot sit still, pacing and "
            "vomiting. Had a kidney stone 4 years ago.",
            "Excruciating left flank pain coming in waves, writhing on the trolley, rates it 9/10, "
            "blood in urine.",
        ),
        sex="M",
        vitals={"hr": (88, 99)},
    ),
    Case(
        2,
        ("Syncope",),
        (72, 89),
        ("collapse", "passed out"),
        (
            "Blacked out while walking up the stairs, no warning, came round after ~1 min. Hx "
            "aortic stenosis. Now alert, denies chest pain.",
            "Sudden LOC while sitting watching TV, no prodrome, hit face on the table. On "
            "bisoprolol and apixaban. Back to normal now.",
        ),
        sex="M",
    ),
    Case(
        2,
        ("Critical Lab Value",),
        (14, 28),
        ("vomiting, abdo pain", "unwell diabetic"),
        (
            "Type 1 diabetic, ran out of insulin 3 days ago. Vomiting, abdominal pain, deep sighing "
            "breaths. Glucose 29 mmol/L, blood ketones 5.8.",
            "Known T1DM, gastro bug 2 days, stopped insulin because not eating. Fruity breath, "
            "Kussmaul resp. BG 'HI' on meter, ketones 6.1 mmol/L.",
        ),
        vitals={"hr": (116, 128), "rr": (26, 32), "sbp": (132, 146)},
    ),
    Case(
        2,
        ("Sepsis Signs", "Altered Mental Status"),
        (1, 3),
        ("fever and rash", "spots and drowsy"),
        (
            "Fever since last night, today very sleepy and hard to wake. Purple spots on legs "
            "that don't fade under a glass. Cold hands and feet.",
            "High temp, vomiting, new non-blanching petechial rash on trunk, whimpering, "
            "not interested in surroundings.",
        ),
        vitals={"temp": (39.2, 40.1), "hr": (165, 182), "rr": (40, 48)},
    ),
    Case(
        2,
        ("GI Bleeding",),
        (58, 80),
        ("black stools", "dizzy and black poo"),
        (
            "Tarry black stools x2 days, dizzy on standing. Takes ibuprofen daily for knees and "
            "aspirin. Pale conjunctivae.",
            "Melaena since yesterday, nearly fainted on the toilet. On clopidogrel. Denies "
            "abdominal pain.",
        ),
        vitals={"hr": (104, 112), "sbp": (114, 124)},
        injection=True,
    ),
    Case(
        2,
        (),
        (76, 92),
        ("fall, head injury", "hit head"),
        (
            "Tripped on the rug, struck the back of her head on the fireplace. On warfarin for "
            "AF. Vomited once since. GCS 15, denies LOC.",
            "Fell getting out of bed, bump on forehead. Takes rivaroxaban. Headache worsening, "
            "no LOC.",
        ),
        sex="F",
    ),
    Case(
        2,
        ("Shortness Of Breath",),
        (1, 3),
        ("noisy breathing", "barking cough"),
        (
            "Barking cough for 2 nights, tonight noisy breathing even when settled, sucking in "
            "at the neck and under the ribs, drooling? no.",
            "Croup, given oral dex by GP yesterday. Now stridor at rest, working hard to breathe, "
            "anxious.",
        ),
        vitals={"rr": (44, 52), "spo2": (91, 94), "hr": (150, 168)},
    ),
    Case(
        2,
        (),
        (19, 40),
        ("aggressive, hearing voices", "psychosis"),
        (
            "Brought by police. Shouting, pacing, says the voices tell him to hurt his neighbour. "
            "Threw a chair in the waiting room. Not taking his medication.",
            "Agitated, paranoid, believes staff are poisoning him, threatening to punch "
            "anyone who comes near. Known schizophrenia.",
        ),
        sex="M",
    ),
    Case(
        2,
        ("Chest Pain",),
        (55, 74),
        ("chest and back pain", "tearing pain"),
        (
            "Sudden tearing pain in the chest going through to between the shoulder blades, "
            "worst pain ever. Hx poorly controlled hypertension.",
            "Abrupt onset severe interscapular pain while lifting, felt something rip. Left arm "
            "BP much lower than right.",
        ),
        sex="M",
        vitals={"sbp": (176, 204), "hr": (88, 99)},
    ),
    Case(
        2,
        ("Obstetric Emergency", "Severe Bleeding"),
        (24, 39),
        ("bleeding in pregnancy", "PV bleed 32/40"),
        (
            "32 weeks pregnant, known low-lying placenta. Sudden painless bright red bleeding, "
            "soaked 3 pads and her jeans in 30 min.",
            "G3P2 at 30/40, heavy vaginal bleeding with clots since 1 h, mild cramping, baby "
            "moving.",
        ),
        sex="F",
        vitals={"hr": (100, 110), "sbp": (114, 124)},
    ),
)
