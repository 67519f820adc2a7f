"""Exemplar descriptions for the ESI decision points B and C, written from the ESI
Implementation Handbook v4 (AHRQ): its high-risk situations by body system (chapter 4) and
its resource examples (chapter 5, table 5-1).

A note's sentences are compared with these by meaning (extractors/triage/meaning.py), not by
their words: each row is one situation as a triage nurse would hear or write it. Rows are
grouped by what they decide:

- HIGH_RISK (B): a high-risk situation; a patient a nurse would not let wait. Each row names
  the red-flag kind it is, where the schema has one.
- RESOURCES (C): complaints by the resources the handbook's examples give them. What counts
  as a resource: labs, ECG, x-ray, CT/MRI/ultrasound, IV fluids, IV/IM/nebulised medication,
  a specialty consultation, a simple procedure (1: laceration repair, Foley catheter) or a
  complex one (2: procedural sedation, fracture reduction). What does not: history and
  examination, point-of-care tests, oral medication, a tetanus shot, a prescription refill,
  simple wound care (dressings, rechecks), crutches, a splint or a sling.

The table is part of the rule set: its text is hashed into the rules' identity.
"""

from __future__ import annotations

from typing import Final

# (red-flag kind or "", situation)
HIGH_RISK: Final[tuple[tuple[str, str], ...]] = (
    # cardiovascular: chest pain suspicious for acute coronary syndrome, dissection
    ("Chest Pain", "chest pain suspicious for a heart attack, pressure in the chest"),
    ("Chest Pain", "squeezing feeling in the chest with sweating and nausea"),
    ("Chest Pain", "chest discomfort on exertion that eased with rest"),
    ("Chest Pain", "pain spreading to the left arm and jaw"),
    ("", "epigastric burning and nausea in an older diabetic, possible cardiac cause"),
    ("", "sudden severe tearing pain going through to the back, possible aortic dissection"),
    ("", "pulsating abdominal mass with back pain"),
    ("", "irregular fast heartbeat with chest pain or near fainting"),
    ("", "pacemaker or defibrillator fired, shocks from the device"),
    ("", "heavy ache in the chest and arm with shortness of breath and sweating"),
    ("", "indigestion-like discomfort with clamminess in a patient with heart disease"),
    # neurological: stroke, meningitis, subarachnoid haemorrhage, head injury on anticoagulants
    ("Stroke Symptoms", "sudden weakness or numbness of one side of the body"),
    ("Stroke Symptoms", "face drooping on one side, trouble speaking, slurred words"),
    ("Stroke Symptoms", "sudden difficulty finding words or understanding speech"),
    ("Stroke Symptoms", "sudden loss of balance and coordination, cannot walk straight"),
    ("Stroke Symptoms", "mouth drooping, arm weak, speech muddled since this afternoon"),
    ("Stroke Symptoms", "suddenly cannot get the words out or says the wrong words"),
    ("", "sudden blindness or double vision"),
    ("", "sudden severe headache, the worst headache of her life"),
    ("", "headache with fever and stiff neck, sensitive to light"),
    ("", "headache that came on like a thunderclap, maximal within a minute"),
    ("", "head injury in a patient taking blood thinners"),
    ("", "fall with head strike while on anticoagulation"),
    ("Altered Mental Status", "new confusion, not making sense, behaving differently than usual"),
    ("Altered Mental Status", "unusually sleepy and hard to wake, lethargic"),
    ("Altered Mental Status", "family say he is confused and muddled, not his normal self"),
    ("Syncope", "fainted and lost consciousness, collapsed without warning"),
    ("Syncope", "passed out suddenly then woke up after a short time"),
    ("Syncope", "dropped to the floor unconscious for a short while, then came round"),
    ("Syncope", "blacked out and woke up on the floor, does not remember falling"),
    ("", "new seizure, first ever fit"),
    ("", "loss of bladder and bowel control with back pain, numbness in the saddle area"),
    # respiratory
    ("Shortness Of Breath", "asthma attack not relieved by the inhaler, struggling to breathe"),
    ("Shortness Of Breath", "too short of breath to speak in full sentences"),
    ("", "sudden shortness of breath and pleuritic chest pain after a long journey"),
    ("", "swollen calf and coughing up blood, possible pulmonary embolism"),
    ("", "choking on food, drooling, cannot swallow saliva"),
    ("", "breathing hurts and coughing blood after a long flight or recent surgery"),
    # allergy
    ("Anaphylaxis", "allergic reaction with swelling of the lips, tongue or throat"),
    ("Anaphylaxis", "after an insect sting or food allergen, hoarse voice and throat tight"),
    ("Anaphylaxis", "face and lips swelling up quickly after eating nuts or a sting"),
    # gastrointestinal
    ("GI Bleeding", "vomiting blood or material like coffee grounds"),
    ("GI Bleeding", "black tarry stools, passing dark blood from the bowel"),
    ("", "severe abdominal pain in an elderly patient"),
    # genitourinary, obstetric and gynaecological
    ("", "sudden severe pain in the testicle, possible testicular torsion"),
    ("", "boy or young man with a painful swollen testicle and vomiting"),
    ("Obstetric Emergency", "possible ectopic pregnancy, missed period with one-sided pelvic pain"),
    ("Obstetric Emergency", "pregnant and heavy vaginal bleeding or abdominal pain"),
    (
        "Obstetric Emergency",
        "pregnant, the baby is moving less than usual, reduced fetal movements",
    ),
    (
        "Obstetric Emergency",
        "pregnant or recently delivered with severe headache and visual changes",
    ),
    ("Obstetric Emergency", "pregnant with waters broken or regular contractions"),
    ("Obstetric Emergency", "heavy bleeding days after giving birth"),
    ("Obstetric Emergency", "late pregnancy and the baby has stopped kicking"),
    ("Obstetric Emergency", "positive pregnancy test and sharp pain low on one side, dizzy"),
    # mental health
    ("Suicidal Ideation", "suicidal thoughts, wants to end their life, has a plan"),
    ("Suicidal Ideation", "talking about killing himself, wrote a goodbye note"),
    ("Suicidal Ideation", "intends to take an overdose of pills to die"),
    (
        "Suicidal Ideation",
        "feels hopeless and says life is not worth living, thinking of ways to die",
    ),
    ("Suicidal Ideation", "plans to kill herself, has been collecting tablets"),
    ("", "deliberate self-harm, cut her own wrists"),
    ("", "threatening to harm other people, homicidal, aggressive and violent"),
    ("", "acutely psychotic and agitated, a danger to self or others"),
    # toxicology
    ("", "intentional overdose of medication tablets"),
    ("", "child swallowed household chemicals, cleaning products or button batteries"),
    ("", "accidental ingestion of someone else's medicine by a toddler"),
    ("", "poisoning, drank a toxic substance such as antifreeze or bleach"),
    ("", "took too many tablets on purpose after a row"),
    ("", "swallowed a large number of painkillers or sleeping tablets"),
    # infection in the vulnerable
    ("Sepsis Signs", "fever in a patient on chemotherapy, immunocompromised"),
    ("Sepsis Signs", "fever and chills in a transplant recipient on immunosuppressants"),
    ("Sepsis Signs", "shivering and hot while having cancer treatment"),
    ("", "fever in a newborn baby under one month old"),
    ("", "non-blanching purple rash with fever"),
    # eyes
    ("", "chemical splash into the eye, acid or alkali burn"),
    ("", "sudden painless loss of vision in one eye"),
    ("", "penetrating injury to the eye"),
    ("", "sudden loss of sight in one eye like a shadow or curtain"),
    ("", "something corrosive got into the eye, burning and watering"),
    # trauma: high-risk mechanisms and threatened limbs
    ("", "high-speed car crash, rollover or ejection from the vehicle"),
    ("", "motorcycle or bicycle crash at speed, thrown from the bike"),
    ("", "pedestrian hit by a car"),
    ("", "fall from a height such as a ladder or roof"),
    ("", "stab wound or gunshot wound"),
    ("", "crush injury, limb cold, pale and numb, no pulse in the limb"),
    ("", "arm or leg trapped and crushed, the hand or foot cold and numb"),
    # other time-sensitive situations
    ("", "needlestick injury from a patient with HIV or hepatitis"),
    ("", "sexual assault, was raped"),
    ("", "victim of domestic violence or child abuse with injuries"),
    ("", "severe pain rated ten out of ten, in severe distress"),
    ("", "sickle cell crisis with severe pain"),
    ("", "new weakness of both legs with back pain, cannot pass urine"),
    ("", "thrown from a horse or hit at speed"),
)

# Complaints by the resources the handbook's examples give them: 0 (ESI 5), 1 (ESI 4),
# 2 for two or more (ESI 3 unless danger-zone vital signs).
RESOURCES: Final[tuple[tuple[int, str], ...]] = (
    # none: examination, oral medication, a prescription, simple wound care
    (0, "requesting a prescription refill for regular medication"),
    (0, "ran out of regular tablets and needs more"),
    (0, "suture removal, wound healed"),
    (0, "wound check and dressing change"),
    (0, "minor rash, itchy spots on the skin"),
    (0, "insect bites that are itchy"),
    (0, "poison ivy rash"),
    (0, "mild sunburn"),
    (0, "common cold symptoms, runny nose and sore throat"),
    (0, "sore throat for a few days, swallowing fine"),
    (0, "earache in a child with a cold, otherwise well"),
    (0, "toothache"),
    (1, "dental pain with facial swelling, tooth abscess"),
    (0, "minor scrape or abrasion"),
    (0, "small superficial burn"),
    (0, "needs a tetanus shot after a minor puncture wound"),
    (0, "needs a work note or school note"),
    (0, "head lice"),
    (0, "a wart or a skin tag"),
    (0, "stye on the eyelid"),
    (0, "red itchy eye with discharge, pink eye"),
    (0, "hay fever, allergy symptoms, sneezing and itchy eyes"),
    (0, "muscle ache after exercise, stiff and sore muscles"),
    (0, "mild back strain after lifting, walking normally"),
    (0, "contact lens discomfort"),
    (0, "cold sore on the lip"),
    (0, "blood pressure check, feels well"),
    (0, "ran out of inhaler or other regular medicine, needs a refill"),
    (0, "healed wound, here for a routine check"),
    # poor sleep is not lethargy (the handbook's lethargy is a lowered level of consciousness)
    (0, "sleeping poorly, trouble getting to sleep, insomnia"),
    # one: one x-ray, one lab test, one simple procedure
    (1, "twisted ankle, swollen, needs an x-ray"),
    (1, "injured wrist or hand after a fall, tender, possible fracture"),
    (1, "finger or toe injury, swollen and bruised"),
    (1, "simple laceration that needs stitches"),
    (1, "cut on the hand or scalp needing sutures"),
    (1, "cut a finger or thumb with a kitchen knife, bleeding controlled"),
    (1, "burning on urination and frequency, urinary tract infection symptoms"),
    (1, "abscess that needs draining, boil"),
    (1, "foreign body in the eye, ear or nose"),
    (1, "something in the eye while grinding metal, gritty and watering"),
    (1, "possible pregnancy, wants a pregnancy test"),
    (1, "vaginal discharge or itching, possible sexually transmitted infection"),
    (1, "sore knee after a twisting injury"),
    (1, "minor head bump, no loss of consciousness, acting normally"),
    (1, "nosebleed that has stopped"),
    (1, "mild allergic reaction with hives only"),
    (1, "animal bite, small puncture wounds"),
    (1, "cough for a week without fever"),
    (1, "chronic back pain, unchanged, no new symptoms"),
    (1, "mild wheeze in a known asthmatic, talking normally, better with the inhaler"),
    (1, "fell off a bicycle at low speed, sore wrist, scrapes and bruises"),
    (1, "minor fall, bruised knee, walking"),
    # two or more: labs plus imaging, IV fluids, IV medication, a consultation
    (2, "abdominal pain with nausea and vomiting"),
    (2, "right lower abdominal pain, possible appendicitis"),
    (2, "upper abdominal pain after eating, possible gallstones"),
    (2, "flank pain with blood in the urine, possible kidney stone"),
    (2, "vomiting and diarrhoea, unable to keep fluids down, dehydrated"),
    (2, "fever and productive cough, possible pneumonia"),
    (2, "spreading redness and swelling of the leg, cellulitis needing IV antibiotics"),
    (2, "hip pain after a fall, unable to bear weight"),
    (2, "obvious deformity of the arm or leg, fractured and needs reducing"),
    (2, "car accident, neck and back pain"),
    (2, "vaginal bleeding in early pregnancy, stable"),
    (2, "generalised weakness and not eating in an elderly patient"),
    # tiredness, awake and answering, is a work-up for its cause, not new lethargy
    (2, "more tired than usual, low energy, run down for days"),
    (2, "dizziness and feeling faint"),
    (2, "palpitations, heart racing"),
    (2, "jaundice, yellow skin and eyes"),
    (2, "swollen abdomen"),
    (2, "alcohol withdrawal, shaking and sweating"),
    (2, "hallucinations or psychosis, calm, needs a psychiatric assessment"),
    (2, "headache with vomiting"),
    (2, "shortness of breath on exertion getting worse"),
    (2, "leg swelling and pain in the calf, possible blood clot"),
    (2, "high blood sugar, diabetic, feeling unwell"),
    (2, "unable to pass urine, full bladder"),
    (2, "chest wall pain that is tender to touch and worse with coughing"),
    (2, "swollen legs and ankles"),
)
