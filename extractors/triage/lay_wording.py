"""Red flags in the words patients, families and screening tools use, not only clinical terms.

Written from published criteria, each rule a paraphrase family of one criterion:

- ESI v4 decision point B, "new onset confusion, lethargy or disorientation": orientation
  ("not oriented", "A&O x1", "does not know where he is"), lethargy ("keeps dozing off",
  "hard to rouse", "groggy"), confusion in lay words ("talking nonsense", "delirious").
- Suicide risk as the Columbia Suicide Severity Rating Scale screener and the ASQ ask it:
  the wish to be dead ("wished he could go to sleep and not wake up", "family would be
  better off without her"), thoughts of killing oneself, method, intent and plan, and
  preparatory behaviour (saving pills, giving things away, a goodbye note, buying a rope),
  self-harm.
- Severe bleeding (haemorrhage): bleeding that does not stop with pressure, soaks through
  dressings, is profuse or pools; a large loss of blood.
- The other kinds in lay words: fainting ("keeled over", "lost consciousness"), stroke
  (a drooping smile, an arm that cannot be lifted, words that come out wrong), breathing
  ("gasping for air", "cannot catch her breath"), blue lips (hypoxaemia), chest pressure
  ("like an elephant on my chest"), GI bleeding ("stools black like tar", "threw up blood"),
  a baby that has stopped moving, an adrenaline auto-injector used.

Every rule gives decision point B (ESI 2): the handbook's high-risk situation or new
confusion; life-saving needs (A) stay with vital signs and criteria.LIFE_SAVING.
"""

from __future__ import annotations

from extractors.triage.red_flags import FlagRule
from extractors.triage.red_flags import any_words as _any

_CONFUSION = "B: new confusion, lethargy or disorientation"
_PRONOUN = r"(?:his|her|their|my|the)"


RULES: tuple[FlagRule, ...] = (
    FlagRule(
        "Altered Mental Status",
        2,
        _any(
            r"(?:not|isn't|is not|no longer|only|poorly) oriented",
            r"(?:A\s?&\s?O|AAO|AO|alert and oriented|oriented)\s*(?:x|to)\s*[0-2]\b",
            r"(?:does not|doesn't|did not|didn't|cannot|can't|could not|couldn't|unable to|"
            r"no longer) (?:know|recogni[sz]e|remember|recall|tell|say|state) (?:where|what "
            r"(?:day|year|month)|who|the (?:date|day|year|month|time)|" + _PRONOUN + r" (?:own )?"
            r"(?:name|family|wife|husband|daughter|son|children|kids|address))",
            r"(?:talking|speaking|saying) (?:nonsense|gibberish|rubbish|things that make no sense)",
            r"incoheren\w*",
            r"(?:makes|making) no sense",
            r"delirious",
            r"delirium",
            r"(?:muddled|befuddled|groggy|stuporous|stupor|listless)",
            r"(?:keeps?|keeping|kept) (?:falling|dozing|nodding) (?:asleep|off)",
            r"(?:hard|difficult|difficulty|trouble|struggl\w+) (?:to )?(?:wake|waking|rouse|"
            r"rousing|arouse|arousing|keep (?:him|her|them) awake)",
            r"(?:won't|will not|would not|wouldn't|can't|cannot) (?:wake|stay awake|be woken)",
            r"(?:answer\w*|respond\w*) (?:questions )?(?:inappropriately|slowly|vaguely)",
            r"(?:slow|delayed) to (?:respond|answer)",
            r"(?:less|poorly|minimally|barely|not fully) (?:responsive|alert)",
            r"(?:staring|stares|stared) (?:blankly|into space|straight ahead)",
            r"(?:vacant|blank) (?:stare|look)",
            r"(?:keeps?|keeping) asking the same",
            r"(?:out of it|not with it|not all there|away with the fairies)",
            r"post-?ictal",
            r"(?:unusually|very|abnormally|excessively|much more) (?:sleepy|drowsy|lethargic)",
        ),
        _CONFUSION,
    ),
    FlagRule(
        "Suicidal Ideation",
        2,
        _any(
            r"wish(?:es|ed|ing)? (?:(?:that )?(?:he|she|they|I) (?:was|were|could be) |to be )"
            r"dead",
            r"(?:go|going|went) to sleep and (?:not|never) wake",
            r"better off (?:dead|without (?:him|her|them|me))",
            r"(?:family|everyone|they|people|kids|children) would be better off",
            r"thoughts? (?:about|of) (?:killing|hurting|harming|ending|taking|hanging|shooting|"
            r"drowning|poisoning) (?:(?:him|her|them|my)sel(?:f|ves)|" + _PRONOUN + r" (?:own )?"
            r"life|it all)",
            r"(?:want\w*|wish\w*|going|plan\w*|intend\w*|tried|trying|threaten\w*|thinking about) "
            r"to (?:end it|end things|take " + _PRONOUN + r" (?:own )?life|hang (?:him|her|them|my)"
            r"sel(?:f|ves)|shoot (?:him|her|them|my)sel(?:f|ves)|jump (?:off|from|in front)|"
            r"overdose|drown (?:him|her|them|my)sel(?:f|ves))",
            r"end(?:ing)? it all",
            r"to (?:harm|hurt|injure|cut|hang|shoot|drown|poison|kill) (?:him|her|them|my)sel(?:f|ves)",
            r"death wish",
            r"(?:no|nothing left|nothing) (?:reason )?to live for",
            r"(?:does not|doesn't|can't|cannot|no longer) see (?:the |any )?(?:point|reason) (?:in|"
            r"of|to) (?:living|going on|life|carrying on)",
            r"(?:thought|thinking|thinks) about how (?:he|she|they|I) (?:might|would|could|will) "
            r"(?:do it|do this|kill|end|take)",
            r"no reason to (?:live|go on|carry on)",
            r"(?:does not|doesn't|do not|don't|did not|didn't|no longer) (?:want|wish) to (?:live|"
            r"be alive|go on|wake up|be here any ?more)",
            r"(?:saving|saved|stockpil\w+|hoard\w+|collect\w+|stash\w*) (?:up )?(?:"
            + _PRONOUN
            + r" )?(?:\w+ )?(?:pills|tablets|medications?|meds)",
            r"(?:gave|giving|given) away " + _PRONOUN + r" (?:\w+ )?(?:belongings|possessions|"
            r"things|valuables|pets?|dog|cat|savings|money)",
            r"(?:wrote|written|writing|left) (?:a |" + _PRONOUN + r" )?(?:suicide note|goodbye "
            r"(?:note|letter|message|text)s?|will\b)",
            r"(?:said|saying) (?:" + _PRONOUN + r" )?goodbyes?",
            r"(?:bought|purchased|obtained|got|has) (?:a )?(?:rope|noose)",
            r"(?:bought|purchased|obtained) (?:a )?(?:gun|firearm)",
            r"self[- ]?harm\w*",
            r"self[- ]inflicted",
            r"cut(?:ting|s)? (?:" + _PRONOUN + r" )?(?:own )?wrists?",
        ),
    ),
    FlagRule(
        "Severe Bleeding",
        2,
        _any(
            # The finding is the bleeding; the negation after it is its description.
            r"bleed\w*(?= (?:that |which )?(?:won't|will not|wouldn't|would not|doesn't|does "
            r"not|didn't|did not|not|cannot|can't|could not) (?:stop|be stopped|be controlled))",
            r"(?:bleed\w*|blood)[^.\n]{0,30}\b(?:despite|through) (?:direct |firm |constant )?"
            r"(?:pressure|(?:the |a |" + _PRONOUN + r" )?(?:dressings?|bandages?|towels?|"
            r"tourniquet|gauze))",
            r"(?:soak\w*|saturat\w*) (?:through )?(?:\w+ ){0,2}(?:towels?|dressings?|bandages?|"
            r"gauze|clothes|shirt|sheets)",
            r"(?:profuse\w*|copious\w*|severe\w*|massive\w*|uncontrollabl\w*|"
            r"torrential|brisk\w*|major) (?:\w+ )?(?:bleed\w*|blood loss)",
            r"(?:won't|will not|can't|cannot|couldn't|could not|unable to|not able to) stop "
            r"(?:the |" + _PRONOUN + r" )?bleed\w*",
            r"bleed\w* (?:profusely|heavily|a lot|badly|everywhere|briskly|like a tap)",
            r"(?:lost|losing|loss of) (?:a (?:lot|large amount)|lots|a great deal) of blood",
            r"(?:large|significant|big|huge) (?:amount|volume|quantity) of blood",
            r"pool(?:s|ing)? of blood",
            r"blood (?:is |was )?(?:everywhere|pouring|gushing|spurting|pumping|squirting|"
            r"pooling)",
            r"(?:pouring|gushing|spurting|pumping|squirting) (?:out )?blood",
            r"exsanguinat\w*",
            r"h(?:a)?emorrhag\w*",
        ),
    ),
    FlagRule(
        "Syncope",
        2,
        _any(
            r"lost consciousness",
            r"keeled over",
            r"knocked (?:out|unconscious)",
            r"(?:dropped|slumped|crumpled|collapsed) (?:down )?(?:to|on|onto) the (?:floor|ground)",
            r"(?:briefly|momentarily) (?:unresponsive|unconscious|out cold)",
            r"came (?:to|round|around) on the (?:floor|ground)",
            r"(?:nearly|almost) (?:fainted|passed out|blacked out)",
            r"(?:went|goes|going) (?:limp|grey and went down)",
        ),
    ),
    FlagRule(
        "Stroke Symptoms",
        2,
        _any(
            r"(?:face|mouth|smile|lip) (?:is |was |looks? |looked |went |has gone |became |turned )?"
            r"(?:drooping|droopy|lopsided|"
            r"crooked|uneven|sagging|twisted)",
            r"(?:drooping|droopy|lopsided|crooked) (?:face|mouth|smile)",
            r"(?:can't|cannot|unable to|couldn't|could not) (?:lift|raise|move|feel|grip with) "
            r"(?:" + _PRONOUN + r" )?(?:left |right )?(?:arm|leg|hand|side)",
            r"(?:words?|speech) (?:are |is |were |was |keep )?(?:coming out )?(?:wrong|jumbled|"
            r"muddled|garbled|slurred|mixed up|all wrong)",
            r"(?:can't|cannot|unable to|couldn't|could not) (?:find|get) (?:the |"
            + _PRONOUN
            + r" )?words(?: out)?",
        ),
    ),
    FlagRule(
        "Shortness Of Breath",
        2,
        _any(
            r"gasping for (?:air|breath)",
            r"(?:can't|cannot|could not|couldn't|unable to) (?:get|catch) " + _PRONOUN + r" breath",
            r"struggling (?:to breathe|for (?:breath|air))",
            r"(?:fighting|working hard|labou?ring) (?:for|to) breath\w*",
            r"labou?red breathing",
            r"(?:too )?(?:breathless|winded|out of breath) to (?:speak|talk|finish)",
        ),
    ),
    FlagRule(
        "Hypoxaemia",
        2,
        _any(
            r"(?:lips?|face|fingers|fingertips|tongue) (?:are |is |look\w* |turn\w* |went |gone "
            r"|going )?(?:blue|bluish|grey|gray|dusky|purple)",
            r"(?:blue|bluish|dusky) (?:lips?|face|fingers|fingertips|tongue)",
        ),
    ),
    FlagRule(
        "Chest Pain",
        2,
        _any(
            r"(?:elephant|weight|brick|band|vice|vise)[^.\n]{0,25}\bchest",
            r"chest[^.\n]{0,25}\b(?:elephant|vice|vise|in a band)",
            r"(?:elephant|ton of bricks|heavy weight) (?:sitting|standing|pressing|lying) on "
            r"(?:him|her|me|them|his|my)",
        ),
    ),
    FlagRule(
        "GI Bleeding",
        2,
        _any(
            r"(?:stools?|poo|poop|bowel movements?|motions) (?:are |is |was |were |looks? |looked "
            r"|turned |have been )?(?:black|tarry|maroon|bloody|like tar|full of blood)",
            r"(?:threw|throwing|brought|bringing|coughed|coughing) up (?:\w+ )?blood",
            r"(?:vomit|sick|emesis) (?:looked |looks |that looked |like )?(?:like )?coffee",
            r"(?:passing|passed) (?:\w+ )?blood (?:from|per|out of) (?:the |"
            + _PRONOUN
            + r" )?(?:back passage|bottom|rectum|behind)",
        ),
    ),
    FlagRule(
        "Obstetric Emergency",
        2,
        _any(
            r"(?:baby|fetus|foetus)(?= (?:is |has )?(?:not|stopped|hasn't been|has not been|"
            r"isn't|no longer) (?:moving|kicking))",
            r"(?:hasn't|has not|haven't|have not|not|no longer) felt (?:the |"
            + _PRONOUN
            + r" )?baby (?:move|kick)",
            # ectopic pregnancy: a pregnancy known only by a test or a late period, with pain
            r"(?:positive (?:home |pregnancy )*test|missed (?:her |a )?period|period (?:is )?"
            r"late)[^\n]{0,80}\b(?:pain|bleed\w*|spotting|cramp\w*)",
            r"(?:waters?|membranes) (?:have |has )?(?:broke|broken|ruptured)[^.\n]{0,40}\b(?:\d{2}|"
            r"early|preterm)",
        ),
    ),
    FlagRule(
        "Anaphylaxis",
        2,
        _any(
            r"(?:used|gave|given|administered|injected) (?:\w+ )?(?:epi-?pen|epinephrine "
            r"auto-?injector|adrenaline (?:pen|auto-?injector))",
        ),
    ),
)

_ANTICOAGULANT = (
    r"(?:warfarin|coumadin|apixaban|eliquis|rivaroxaban|xarelto|dabigatran|pradaxa|edoxaban|"
    r"heparin|enoxaparin|clexane|blood[- ]thinners?|anticoagula\w*)"
)
_HEAD_INJURY = r"(?:hit|struck|bumped|banged|knocked|injur\w*|cut)[^.\n]{0,30}\bhead"
# High-risk situations of the handbook without a red-flag kind of their own: a threat to harm
# someone else (homicidal ideation), a head injury on anticoagulants, saddle anaesthesia
# (cauda equina).
HIGH_RISK = _any(
    r"threat\w* to (?:kill|hurt|harm|stab|shoot|attack|beat)",
    r"(?:wants?|plans?|planning|going|intends?) to (?:kill|hurt|harm|stab|shoot) (?!(?:him|her|"
    r"them|my)sel(?:f|ves))\w+",
    _HEAD_INJURY + r"[^\n]{0,80}\b" + _ANTICOAGULANT,
    _ANTICOAGULANT + r"[^\n]{0,80}\b" + _HEAD_INJURY,
    r"(?:numb\w*|no feeling|can't feel|cannot feel|tingl\w*)[^.\n]{0,30}\b(?:bottom|groin|"
    r"buttocks|saddle|genitals|perine\w*|between (?:his|her|their) legs)",
)
