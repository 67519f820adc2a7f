"""Red flags as published screening tools and danger-sign lists ask for them.

Each rule is one item of a published instrument, in the words a clinician, a paramedic or a
relative uses for it (a pre-alert or a phone call says the same things as the patient):

- Stroke, BE-FAST (Balance, Eyes, Face, Arm, Speech, Time): a positive FAST or BE-FAST
  screen, a face or mouth that does not move on one side, an arm that drifts, a sided
  weakness written with a letter ("R sided weakness"), a hand that cannot grip or hold.
- Suicide risk, the Columbia (C-SSRS) screener: the wish to die in any tense ("wanted to
  die"), intent said as a future ("says will jump off the bridge"), intent after an attempt
  ("says she meant it", "wishes it had worked"), preparatory behaviour in either word order
  ("has given the dog away"), command hallucinations to harm oneself, and an overdose told
  by its count ("swallowed about thirty paracetamol": ten or more of a medicine).
- Obstetric danger signs (WHO, ACOG): a pregnancy known by a late period with pain or
  bleeding (ectopic), bleeding, headache, breathlessness or fits within weeks of a birth.
- Acute coronary syndrome without the word chest (ESI handbook: atypical presentations in
  women, older and diabetic patients): discomfort in the upper abdomen, between the shoulder
  blades, the jaw or the arm, or breathlessness, with a cold sweat or clamminess.
- Consciousness as AVPU grades it ("only groans to pain", "unrousable": A) and new
  confusion in lay words ("mumbling nonsense": B).
- Pre-eclampsia, abruption and bleeding beside a gestation ("36/40").
- Work of breathing in lay words (accessory muscles, talking in short sentences) and severe
  bleeding through a dressing or pooling ("a puddle of blood").

Critical laboratory values are read in one place, extractors/triage/lab_values.py.
Every rule gives decision point B (ESI 2) unless it says A (ESI 1), and so does HIGH_RISK: indigestion in a diabetic
or cardiac patient (the handbook's atypical acute coronary syndrome).
"""

from __future__ import annotations

from extractors.triage.red_flags import FlagRule
from extractors.triage.red_flags import any_words as _any

_PRONOUN = r"(?:his|her|their|my|the)"
_SELF = r"(?:him|her|them|my)sel(?:f|ves)"
_NUMBER = (
    r"(?:[1-9]\d{1,2}|ten|eleven|twelve|fifteen|sixteen|eighteen|twenty|thirty|forty|fifty|"
    r"sixty|a hundred|dozens of)"
)
_MEDICINE = (
    r"(?:tablets?|tabs?|pills?|capsules?|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|"
    r"co-?codamol|codeine|tramadol|amitriptyline|sertraline|citalopram|diazepam|zopiclone|"
    r"lithium|insulin|sleeping \w+|painkillers|antidepressants)"
)
_DIAPHORESIS = r"(?:clammy|cold sweat|sweaty|sweating|diaphore\w*|drenched in sweat)"


RULES: tuple[FlagRule, ...] = (
    FlagRule(
        "Stroke Symptoms",
        2,
        _any(
            r"(?-i:BE-?FAST|FAST)(?: (?:test|screen|score))? (?:is |was )?(?:positive|\+(?:ve)?)",
            r"positive (?-i:BE-?FAST|FAST)",
            r"(?:arm|leg|hand) (?:is |was |keeps? )?drift\w*",
            r"(?:pronator )?drift\w* (?:of |in )?(?:" + _PRONOUN + r" )?(?:\w+ )?(?:arm|leg)",
            # the finding is the face; "not moving" after it is its description
            r"one side of (?:" + _PRONOUN + r" )?(?:face|mouth)(?=[^.,;\n]{0,25}\b(?:not mov\w*|"
            r"droop\w*|drop\w*|slack|sag\w*|numb|weak|fallen))",
            r"facial (?:asymmetry|weakness)",
            r"(?:(?-i:[LR])|l|r|left|right|one)[- ]?sided (?:weakness|numbness|paralysis)",
            r"(?:weak|numb)\w* (?:on|down) " + _PRONOUN + r" (?:left|right|one) side",
            r"(?:can't|cannot|unable to|couldn't|could not) (?:grip|hold) (?:a |the |"
            + _PRONOUN
            + r" )?(?:cup|mug|glass|pen|spoon|fork|phone|things)",
            r"(?:keeps?|keep|started|kept) dropping (?:things|" + _PRONOUN + r" \w+)",
        ),
    ),
    FlagRule(
        "Altered Mental Status",
        1,
        # AVPU: responds to Pain only, or Unresponsive (decision point A)
        _any(
            r"(?:only )?(?:groans|moans|grunts|flinches|winces|localises|localizes) to pain",
            r"unrous\w*",
            r"(?:barely|hardly) rous\w*",
        ),
    ),
    FlagRule(
        "Altered Mental Status",
        2,
        _any(r"(?:mumbling|muttering|babbling) (?:nonsense|gibberish|incoherently)"),
        "B: new confusion, lethargy or disorientation",
    ),
    FlagRule(
        "Suicidal Ideation",
        2,
        _any(
            r"want(?:s|ed|ing)? to (?:die|be dead|end it)",
            r"(?:talk\w*|spoke|speaking|thinking|thought|going on) about (?:ending (?:it|things|"
            + _PRONOUN
            + r" (?:own )?life)|killing "
            + _SELF
            + r"|suicide|wanting to die|taking "
            + _PRONOUN
            + r" (?:own )?life)",
            r"(?:will|'ll|gonna|going to|is going to) (?:jump (?:off|from|in front)|hang "
            + _SELF
            + r"|shoot "
            + _SELF
            + r"|drown "
            + _SELF
            + r"|kill "
            + _SELF
            + r"|end (?:it|"
            + _PRONOUN
            + r" life))",
            r"(?:says?|said|saying) (?:that )?(?:she|he|they|I) meant (?:it|to (?:do it|die))",
            r"(?:wish\w*|sorry|disappointed|upset|angry) (?:that )?it (?:had |has |did(?:n't| not) )"
            r"?work\w*",
            r"(?:gave|giving|given|handed) " + _PRONOUN + r" (?:\w+ )?(?:dog|cat|pets?|belongings|"
            r"possessions|things|valuables|savings|money) away",
            r"voices? (?:\w+ ){0,3}?(?:telling|tell|told|ordering|urging|saying) (?:him|her|them|me) "
            r"to (?:kill (?:him|her|them|my)sel\w+|hurt (?:him|her|them|my)sel\w+|jump|step (?:off|"
            r"out|in front)|end|cut|die|drown|hang)",
            r"(?:took|taken|swallowed|ingested|had|overdosed on|downed) (?:about |around |approx\w*\.? "
            r"|roughly |over |some |at least |up to |maybe )?"
            + _NUMBER
            + r" (?:\w+ ){0,2}?"
            + _MEDICINE,
        ),
    ),
    FlagRule(
        "Obstetric Emergency",
        2,
        _any(
            r"(?:period (?:is )?(?:\w+ ){0,3}late|(?:missed|late) (?:\w+ ){0,2}periods?)"
            r"[^\n]{0,100}\b(?:pain|bleed\w*|spotting|cramp\w*)",
            r"(?:gave birth|delivered|had (?:a|the|her) baby|given birth)[^.\n]{0,40}\b(?:hours?|days?|"
            r"weeks?) ago[^\n]{0,80}\b(?:bleed\w*|soak\w*|clots?|headache|seeing spots|fit\w*|"
            r"seizure|short of breath|breathless\w*|chest pain|fever)",
        ),
    ),
    FlagRule(
        "Obstetric Emergency",
        2,
        # pre-eclampsia, abruption and bleeding (ACOG, WHO danger signs) beside a pregnancy
        # written as a gestation ("36/40", "32 weeks with her second baby", "G2P1")
        _any(
            r"(?:[1-4]\d ?/ ?40|[1-4]\d ?(?:weeks|wks)\b(?! ago)|(?-i:G\d ?P[\dl]))[^\n]{0,120}\b(?:severe "
            r"headache|headache|vision (?:is )?(?:blurry|blurred)|blurr\w* vision|seeing spots|flashing "
            r"lights|pain under (?:the |her )?(?:right )?ribs|(?-i:RUQ) pain|epigastric pain|"
            r"(?:face|hands|fingers) (?:and \w+ )?swollen|swollen (?:face|hands|fingers)|tearing pain|"
            r"bump (?:is )?hard|bleed\w*|fits?\b|seizure)",
        ),
    ),
    FlagRule(
        "Chest Pain",
        2,
        _any(
            r"(?:pressure|tightness|heaviness|discomfort|ache|aching|pain|burning|indigestion)"
            r"[^.\n]{0,60}\b(?:upper (?:tummy|abdomen|belly|stomach)|epigastri\w*|between "
            + _PRONOUN
            + r" shoulder ?blades|jaw|(?:left|both) arms?)[^.\n]{0,80}\b"
            + _DIAPHORESIS,
            _DIAPHORESIS
            + r"[^.\n]{0,80}\b(?:pressure|tightness|heaviness|discomfort|ache|pain|burning)"
            r"[^.\n]{0,30}\b(?:upper (?:tummy|abdomen|belly|stomach)|epigastri\w*|between "
            + _PRONOUN
            + r" shoulder ?blades|jaw|(?:left|both) arms?)",
        ),
    ),
    FlagRule(
        "Shortness Of Breath",
        2,
        _any(
            r"(?:(?-i:SOB)|short of breath|shortness of breath|breathless\w*|puffed)[^.\n]{0,80}\b"
            + _DIAPHORESIS,
            r"using (?:" + _PRONOUN + r" )?(?:tummy|stomach|belly|neck|chest|shoulder|accessory) "
            r"muscles (?:to breathe|to breath|for breathing)",
            r"(?:sucking|pulling|drawing) in (?:under|between|below|at) (?:"
            + _PRONOUN
            + r" )?(?:ribs|"
            r"neck|throat)",
            r"(?:can't|cannot|could not|couldn't|unable to) (?:get|catch) a breath",
            r"(?:\w+ )?words between breaths",
            r"(?:speak|talk|answer)\w* in (?:short|broken|half|single) (?:sentences|phrases|words)",
        ),
    ),
    FlagRule(
        "Severe Bleeding",
        2,
        _any(
            r"(?:pouring|seeping|soaking|coming|bleeding|gushing) (?:straight )?through "
            r"(?:the |a |" + _PRONOUN + r" )?(?:\w+ )?(?:dressings?|bandages?|towels?|gauze|pads?)",
            r"(?:puddle|pool|trail)s? of blood",
            r"heavy bleeding",
        ),
    ),
)

_INDIGESTION = r"(?:indigestion|heartburn|epigastric (?:pain|discomfort|burning|pressure))"
_CARDIAC_RISK = r"(?:diabet\w*|heart disease|angina|(?-i:IHD|CAD)\b|previous (?:MI|heart attack))"
# The handbook's atypical acute coronary syndrome without a red-flag kind of its own:
# indigestion that is new or will not settle in a diabetic or a cardiac patient.
HIGH_RISK = _any(
    _INDIGESTION + r"[^\n]{0,100}\b" + _CARDIAC_RISK,
    _CARDIAC_RISK + r"[^\n]{0,100}\b" + _INDIGESTION,
)
