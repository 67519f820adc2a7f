"""heldout-h's ESI 3 cases: stable, vital signs outside the danger zone for the age, two or
more resources expected (decision point C); plain_case.py says how cases are labelled."""

from __future__ import annotations

from corpora.triage_vignettes.plain_case import Case

MANY_RESOURCES = (  # ESI 3: stable, vital signs outside the danger zone, two or more resources
    Case(
        3,
        (),
        (17, 34),
        ("abdominal pain", "RLQ pain"),
        (
            "Pain started around the belly button yesterday, now right lower abdomen, worse on "
            "walking. Off food, vomited once. Pain 6/10.",
            "Right iliac fossa pain since last night, anorexic, nauseated, no diarrhoea. Denies "
            "urinary symptoms.",
        ),
        vitals={"temp": (37.6, 38.0), "hr": (84, 96)},
    ),
    Case(
        3,
        (),
        (19, 40),
        ("fever and flank pain", "back pain and burning urine"),
        (
            "Burning on passing urine for 3 days, now pain in the left flank and fevers with "
            "rigors last night. Tolerating fluids.",
            "UTI symptoms treated by GP 2 days ago, now right loin pain, temp at home 38.7. "
            "Not pregnant, LMP 2 weeks ago.",
        ),
        sex="F",
        vitals={"temp": (38.3, 38.8), "hr": (80, 89)},
    ),
    Case(
        3,
        ("Shortness Of Breath",),
        (18, 45),
        ("asthma attack", "wheezy"),
        (
            "Known asthmatic, wheezy and short of breath since a cold started 2 days ago, using "
            "blue inhaler every 2 h. Speaking full sentences.",
            "Chest tight, wheeze audible, ran out of preventer inhaler. Able to talk normally, "
            "peak flow 65% of best.",
        ),
        vitals={"spo2": (94, 96), "rr": (17, 20), "hr": (86, 98)},
    ),
    Case(
        3,
        (),
        (6, 11),
        ("arm injury", "fell off trampoline"),
        (
            "Fell off the monkey bars onto outstretched hand. Obvious deformity of left wrist, "
            "fingers pink and warm, can wiggle them. Pain 6/10.",
            "Fall from trampoline, forearm looks bent, crying but consolable. Good pulses, no "
            "other injury, no head strike.",
        ),
        vitals={"hr": (84, 100)},
    ),
    Case(
        3,
        (),
        (78, 94),
        ("fall, hip pain", "can't weight bear after fall"),
        (
            "Slipped in the bathroom, landed on right hip. Leg shortened and externally rotated, "
            "unable to stand. No head strike, denies dizziness or chest pain before the fall.",
            "Tripped over the cat, pain left groin, can't lift the leg. Alert and oriented, "
            "remembers the whole fall.",
        ),
        sex="F",
    ),
    Case(
        3,
        (),
        (45, 70),
        ("red swollen leg", "leg infection"),
        (
            "Diabetic. Left shin red, hot and swollen for 3 days, spreading past the pen line "
            "GP drew yesterday despite oral antibiotics. Feels feverish.",
            "Cellulitis right lower leg not improving on flucloxacillin, redness up to the knee, "
            "mild fever, eating and drinking.",
        ),
        vitals={"temp": (37.8, 38.3), "hr": (78, 88)},
    ),
    Case(
        3,
        (),
        (22, 60),
        ("vomiting and diarrhoea", "D&V"),
        (
            "Vomiting and watery diarrhoea x2 days, can't keep water down, light-headed when "
            "standing, dry mouth. No blood in stool.",
            "Food poisoning after a barbecue, vomiting every hour since last night, passed urine "
            "only once today.",
        ),
        vitals={"hr": (88, 98), "sbp": (104, 120)},
    ),
    Case(
        3,
        (),
        (10, 30),
        ("vomiting", "not keeping fluids down"),
        (
            "Vomiting and loose stools 2 days, fewer wet nappies, still has tears when crying. "
            "A bit quieter than usual but smiles at mum.",
            "Tummy bug going round nursery, vomiting everything for 24 h, only 2 wet nappies "
            "today, alert and interactive.",
        ),
        unit="m",
        vitals={"hr": (125, 148), "rr": (26, 34)},
    ),
    Case(
        3,
        (),
        (58, 80),
        ("cough and fever", "chest infection"),
        (
            "Productive cough with green sputum for 4 days, fevers, tired. No breathlessness "
            "at rest, denies chest pain.",
            "Chesty cough, temp 38.4 at home, crackles heard by GP who sent in for chest X-ray "
            "and bloods.",
        ),
        vitals={"temp": (38.1, 38.6), "hr": (80, 89), "spo2": (94, 96), "rr": (16, 19)},
    ),
    Case(
        3,
        (),
        (24, 48),
        ("migraine", "headache, vomiting"),
        (
            "Known migraines, usual headache for 2 days not responding to triptan, vomiting, "
            "light sensitive. Similar to previous attacks, gradual onset.",
            "Typical migraine with aura, third day, can't keep tablets down. No weakness, no "
            "neck stiffness, not the worst ever.",
        ),
        sex="F",
    ),
    Case(
        3,
        (),
        (35, 60),
        ("RUQ pain", "upper tummy pain after food"),
        (
            "Right upper abdominal pain since a takeaway last night, going to the right "
            "shoulder blade, vomited twice. Pain 6/10. Similar shorter episodes before.",
            "Constant pain under the right ribs for 10 h, nausea, off food. Not jaundiced.",
        ),
        sex="F",
        vitals={"temp": (37.4, 37.9), "hr": (78, 94)},
    ),
    Case(
        3,
        (),
        (30, 58),
        ("flank pain", "blood in urine"),
        (
            "Intermittent right flank ache since this morning, pain 5/10, blood-tinged urine. "
            "Had stones before. Afebrile.",
            "Left loin pain radiating to groin, comes and goes, 4/10 now after ibuprofen, "
            "haematuria on dip.",
        ),
        sex="M",
    ),
    Case(
        3,
        (),
        (55, 75),
        ("dizziness", "room spinning"),
        (
            "Room spinning since woke up, worse rolling over in bed and looking up, nauseated. "
            "No weakness, no slurred speech, no double vision. Walking steady.",
            "Vertigo for 1 day with vomiting, episodes last seconds on turning head. Denies "
            "headache, numbness or facial droop.",
        ),
        sex="F",
    ),
    Case(
        3,
        (),
        (68, 84),
        ("abdominal distension", "constipation and vomiting"),
        (
            "Bowels not opened for 4 days, not passing wind since yesterday, tummy swollen and "
            "crampy, vomited once. Previous bowel surgery.",
            "Generalised abdominal pain and bloating, last BO 5 days ago, off food. Pain 5/10.",
        ),
        sex="M",
    ),
    Case(
        3,
        (),
        (20, 36),
        ("vomiting in pregnancy", "can't keep anything down"),
        (
            "10 weeks pregnant, vomiting 10+ times a day for 4 days, can't keep water down, "
            "ketones 3+ on urine dip. No pain, no bleeding.",
            "8/40, hyperemesis, lost 3 kg, dizzy. Denies vaginal bleeding or abdominal pain.",
        ),
        sex="F",
    ),
    Case(
        3,
        (),
        (20, 45),
        ("head laceration, intoxicated", "fell while drunk"),
        (
            "Smells of alcohol, fell down steps outside a pub, 4 cm scalp laceration, "
            "bleeding controlled with pressure. Answers questions appropriately, GCS 15.",
            "Had 8 pints, tripped and hit forehead on kerb, gaping wound above eyebrow. "
            "Oriented, walking, no vomiting.",
        ),
        sex="M",
    ),
    Case(
        3,
        (),
        (25, 50),
        ("ankle injury", "twisted ankle"),
        (
            "Fell off a ladder (1 m), landed on left foot. Ankle visibly deformed, unable to bear "
            "weight, foot warm with pulses. Pain 6/10.",
            "Inversion injury playing five-a-side, heard a crack, ankle deformed, can't walk "
            "on it. No other injuries.",
        ),
        sex="M",
    ),
    Case(
        3,
        (),
        (24, 55),
        ("low mood", "depression"),
        (
            "Feeling low for months, not sleeping, stopped going to work, wants to speak to "
            "someone. Denies thoughts of self-harm or suicide. Drinks 2-3 beers a night.",
            "Brought by partner, not eating, crying a lot, hears no voices. Says no thoughts of "
            "ending life, no plan. Asking for mental health review.",
        ),
    ),
    Case(
        3,
        (),
        (6, 30),
        ("fever", "high temperature"),
        (
            "Fever up to 39.5 for 2 days, no cough, no rash, no ear pulling. Drinking less but "
            "wet nappies. Only had first set of vaccines.",
            "Temp 39.4 at home, no obvious cause, irritable but consolable, feeding OK. Missed "
            "the 12-month jabs.",
        ),
        unit="m",
        vitals={"temp": (39.1, 39.6), "hr": (130, 150), "rr": (26, 34)},
    ),
    Case(
        3,
        (),
        (68, 86),
        ("nosebleed", "nose bleeding"),
        (
            "Nosebleed on and off for 3 h, now oozing despite pinching. On warfarin, INR "
            "unknown. Not dizzy.",
            "Left nostril bleeding since dinner, restarted twice, on apixaban. Spitting small "
            "clots, otherwise well.",
        ),
        vitals={"sbp": (150, 172)},
    ),
    Case(
        3,
        (),
        (50, 72),
        ("foot ulcer", "smelly foot wound"),
        (
            "Diabetic, ulcer under the right big toe for 3 weeks, now red to the ankle, "
            "discharging pus, smells. Feels OK in self.",
            "Non-healing wound left heel, increasing redness and swelling, can see something "
            "white at the base. Afebrile.",
        ),
    ),
    Case(
        3,
        (),
        (19, 34),
        ("lower abdominal pain", "pelvic pain"),
        (
            "Left lower abdominal pain for 2 days, constant, 5/10. Negative home pregnancy "
            "test. Some discharge. Afebrile, no vomiting.",
            "Cramping right pelvic pain since yesterday, LMP 3 weeks ago and normal, denies "
            "vaginal bleeding.",
        ),
        sex="F",
    ),
    Case(
        3,
        (),
        (3, 7),
        ("projectile vomiting", "vomiting after feeds"),
        (
            "First-born boy, projectile vomiting after every feed for 3 days, hungry straight "
            "after, fewer wet nappies. No diarrhoea, no fever.",
            "Vomits milk across the room after every feed, seems hungry, weight down from last "
            "week. Alert.",
        ),
        unit="w",
        sex="M",
        vitals={"hr": (130, 160), "rr": (32, 44)},
    ),
    Case(
        3,
        (),
        (74, 90),
        ("weak, urinary symptoms", "feeling weak"),
        (
            "Off legs for a day, passing urine often with burning, off food. Alert and "
            "oriented, knows the date. No fever at home.",
            "Generally weak, urine smells, nurse at home worried. Normal cognition per "
            "daughter, denies falls.",
        ),
        sex="F",
    ),
)
