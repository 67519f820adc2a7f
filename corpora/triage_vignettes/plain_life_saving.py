"""heldout-h's ESI 1 cases: an immediate life-saving intervention is needed (the ESI
Implementation Handbook v4's decision point A); plain_case.py says how cases are labelled."""

from __future__ import annotations

from corpora.triage_vignettes.plain_case import Case

LIFE_SAVING = (  # ESI 1: an immediate life-saving intervention is needed (decision point A)
    Case(
        1,
        ("Altered Mental Status", "Hemodynamic Instability"),
        (48, 76),
        ("collapse at home", "unresponsive"),
        (
            "Wife heard a thud, found him on the kitchen floor not breathing normally. Bystander "
            "CPR started by neighbour, ongoing on arrival. Gasping respirations only.",
            "Collapsed while shovelling snow. Paramedics: no pulse on scene, 1 shock given, CPR "
            "continuing through the doors.",
        ),
        sex="M",
        vitals_note="no palpable pulse, apnoeic/agonal, monitor shows VF",
    ),
    Case(
        1,
        ("Anaphylaxis",),
        (19, 44),
        ("facial swelling after bee sting", "throat closing"),
        (
            "Stung on the neck 15 min ago. Lips and tongue swelling, hoarse voice, audible "
            "stridor and wheeze, generalised hives. Known bee allergy, EpiPen left at home.",
            "Ate a satay dish at a work lunch, known peanut allergy. Now can't swallow saliva, "
            "wheezing, blotchy rash, feels faint.",
        ),
        vitals={"sbp": (70, 84), "hr": (122, 142), "rr": (28, 34), "spo2": (85, 90)},
    ),
    Case(
        1,
        ("Altered Mental Status", "Sepsis Signs"),
        (78, 94),
        ("confusion and fever", "not herself, hot to touch"),
        (
            "From nursing home. Indwelling catheter, cloudy urine. Staff say she was chatty "
            "yesterday, today only moaning, not following commands. Mottled knees, cool hands.",
            "Care home resident, 2 days of cough and poor intake, now drowsy and responding to "
            "pain only. Skin mottled, cap refill 5 s.",
        ),
        sex="F",
        vitals={
            "sbp": (68, 84),
            "hr": (118, 136),
            "rr": (26, 32),
            "temp": (38.8, 39.8),
            "spo2": (88, 93),
        },
        injection=True,
    ),
    Case(
        1,
        ("GI Bleeding",),
        (52, 70),
        ("vomiting blood", "haematemesis"),
        (
            "Known alcoholic liver disease with varices. Vomited about a litre of bright red "
            "blood with clots x3 in the last hour. Pale, sweaty, clammy.",
            "Hx cirrhosis. Large haematemesis in the ambulance bay, fresh blood. Cold peripheries, "
            "looks grey.",
        ),
        vitals={"sbp": (74, 88), "hr": (122, 140), "rr": (22, 28)},
    ),
    Case(
        1,
        ("Altered Mental Status", "Severe Bleeding"),
        (19, 38),
        ("motorcycle crash", "MVC - rider thrown"),
        (
            "Motorcyclist vs car at approx 80 km/h, thrown 10 m, helmet cracked. GCS 7 (E1 V2 "
            "M4). Open deformed right thigh with blood pumping through the dressing.",
            "High-speed motorbike collision. Responds to pain only, GCS 8. Large open wound left "
            "lower leg, bright red bleeding not controlled by pressure, tourniquet applied.",
        ),
        sex="M",
        vitals={"sbp": (78, 88), "hr": (124, 140), "rr": (26, 32)},
    ),
    Case(
        1,
        ("Shortness Of Breath",),
        (2, 5),
        ("stops breathing", "apnoea episodes"),
        (
            "Bronchiolitis since Monday. Mum says he stopped breathing and went blue three times "
            "this morning. Now grunting, head bobbing, severe recession, floppy.",
            "Cough and coryza 3 days, today pauses in breathing, needed stimulation by parent. "
            "Poor tone, grunting, not feeding at all.",
        ),
        unit="m",
        sex="M",
        vitals={"hr": (185, 205), "rr": (62, 74), "spo2": (80, 87)},
    ),
    Case(
        1,
        ("Altered Mental Status",),
        (22, 45),
        ("found down", "overdose"),
        (
            "Found in a public toilet with a syringe nearby. Pinpoint pupils, snoring "
            "respirations, blue lips, GCS 6. Friends say heroin.",
            "Friend called 911: took 'some pills' bought online, maybe fentanyl. Barely rousable, "
            "pupils pinpoint, breathing very slow.",
        ),
        vitals={"rr": (4, 7), "spo2": (76, 85), "hr": (52, 62)},
    ),
    Case(
        1,
        ("Altered Mental Status",),
        (18, 40),
        ("seizure not stopping", "fitting"),
        (
            "Known epilepsy. Generalised tonic-clonic seizure started 20 min ago and has not "
            "stopped despite rectal diazepam at home. Still jerking on arrival, frothing.",
            "Three seizures in a row since 14:00, has not woken up in between. Now seizing "
            "again in triage, cyanosed around the lips.",
        ),
        vitals={"hr": (128, 150), "spo2": (86, 90), "sbp": (152, 170)},
    ),
    Case(
        1,
        ("Obstetric Emergency", "Syncope"),
        (21, 36),
        ("abdominal pain and collapse", "fainted, tummy pain"),
        (
            "LMP 7 weeks ago, home pregnancy test positive. Sudden severe left lower abdominal "
            "pain then collapsed at the bus stop. Shoulder tip pain, pale, clammy.",
            "6/40 pregnant by dates, no scan yet. Passed out twice at home, abdomen rigid and "
            "tender, small amount of PV spotting.",
        ),
        sex="F",
        vitals={"sbp": (68, 82), "hr": (124, 140), "rr": (22, 26)},
    ),
    Case(
        1,
        ("Altered Mental Status", "Critical Lab Value"),
        (30, 78),
        ("unresponsive diabetic", "found unrousable"),
        (
            "Type 1 diabetic on insulin pump, skipped dinner. Partner found the patient sweaty and "
            "unrousable. GCS 8. Fingerstick glucose 1.6 mmol/L.",
            "On insulin, didn't eat after the evening dose. Found slumped, not responding to voice, "
            "diaphoretic. POC glucose 28 mg/dL.",
        ),
        vitals={"hr": (96, 112), "sbp": (124, 150)},
    ),
)
