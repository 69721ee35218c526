"""The counting rules printed in the prevention reports' annex (DESIGN, "Counting rules")."""

from reportkit.counting import DEPARTEMENT_BANDS, EMPS_BANDS

COUNTING_RULES = [
    "Âge : âge en années révolues au dernier jour de la période (au 31/12 pour une année "
    "civile) ; avec la seule année de naissance, année de la période − année de naissance. "
    "Un âge inconnu forme sa propre ligne, il n'est jamais écarté.",
    "Tranches du Département : "
    + ", ".join(label.lower() for _c, label, _l, _h in DEPARTEMENT_BANDS)
    + ". Tranches de l'EMPS : "
    + ", ".join(label for _c, label, _l, _h in EMPS_BANDS[1:7])
    + ".",
    "Un jeune est compté une fois par tableau, quel que soit le nombre de rencontres ou "
    "d'accompagnements.",
    "Nouveau jeune : son premier enregistrement dans le service tombe dans la période.",
    "Actif sur la période : début ≤ fin de période et (pas de fin ou fin ≥ début de période). "
    "Les jeunes accompagnés sont ceux qui ont un PAEI actif sur la période.",
    "Part des heures : heures de l'activité / toutes les heures du service sur la période, à "
    "deux décimales ; évolution en points par rapport à la même période de l'année précédente.",
    "Durée d'accompagnement : mois entiers du début à la fin de l'accompagnement, ou à la fin "
    "de la période s'il se poursuit ; pour un jeune accompagné plusieurs fois, le dernier "
    "accompagnement de la période.",
    "Actions collectives : actions ayant au moins une séance dans la période ; participants = "
    "effectifs anonymes + jeunes nommés ; le total ajoute les familles impliquées.",
    "Parts (heures, domaines, public) : arrondies par plus forts restes pour que leur total "
    "fasse exactement 100 %.",
    "Une période sans aucun enregistrement s'imprime « — » ; aucune évolution n'est calculée "
    "par rapport à elle.",
    "Un rapport validé ne change plus : ses chiffres, ses textes et les données de la direction "
    "sont figés à la validation ; la colonne d'une année validée reprend les chiffres validés "
    "(marqués * quand les enregistrements d'aujourd'hui diffèrent) ; un accompagnement rouvert "
    "garde sa clôture dans l'année où il a été clôturé (la réouverture est une nouvelle "
    "période).",
]

EMPS_RULES = [
    "Communes de l'EMPS : celles de la CAHC ou de la CALL où l'équipe a saisi des heures, des "
    "rencontres ou des actions sur la période ; « Autre territoire (hors CAHC et CALL) » n'en "
    "est pas une.",
    "Public d'une commune : les jeunes qui y résident, suivis sur la période en PAEI, en ASEP "
    "(sans PAEI) ou rencontrés sans accompagnement (en accroche). Comme le bilan de référence "
    "(60 = 20 PAEI + 25 ASEP + 15 en accroche), les tableaux par modalité, par âge et sexe, par "
    "genre, par origine et par situation comptent ces mêmes jeunes, chacun une fois.",
    "Un jeune en accroche a été rencontré en présence sociale (travail de rue, présence sociale "
    "ou promeneur du net) : c'est l'origine de sa rencontre ; sa situation n'est pas "
    "renseignée.",
    "Les jeunes suivis qui résident hors des communes de l'EMPS figurent sous « Autres communes "
    "de résidence ».",
    "Actions : actions ayant une séance dans la période ; sorties comptées en séances ; DSL "
    "séparées entre actions initiées par l'équipe et actions où elle est associée.",
    "Âge : en années révolues au dernier jour de la période ; tranches de l'EMPS : "
    + ", ".join(label for _c, label, _l, _h in EMPS_BANDS[1:7])
    + " (les autres tranches et l'âge inconnu apparaissent quand il y a des jeunes).",
    "Parts : arrondies à l'unité par plus forts restes (total 100 %).",
]
