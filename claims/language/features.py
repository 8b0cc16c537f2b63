"""What makes a sentence worth checking, per language: the word patterns claims.language.candidates scores
(superlatives and records, comparisons and changes, measurable actions, institutions, vague quantities,
opinion words, boilerplate). Each pattern is matched as whole words, case aside."""

from __future__ import annotations

from claims.language._common import rx, whole_words

FEATURES = {
    "fr": {
        "superlative": whole_words(
            rx(
                r"records?|le⟨s⟩+plus|la⟨s⟩+plus|les⟨s⟩+plus|l⟨a⟩un⟨s⟩+des⟨s⟩+plus|sans⟨s⟩+précédent|"
                r"jamais⟨s⟩+(?:réalisée?|vue?|atteinte?|enregistrée?)|inédite?s?|premi(?:er|"
                r"ère)(?!⟨s⟩+(?:trimestre|semestre))|numéro⟨s⟩+un|leader|de⟨s⟩+l⟨a⟩histoire",
            )
        ),
        "comparison": whole_words(
            rx(
                r"plus⟨s⟩+(?:\p{Ll}+⟨s⟩+)?qu(?:e|⟨a⟩)|moins⟨s⟩+(?:\p{Ll}+⟨s⟩+)?qu(?:e|⟨a⟩)|par⟨s⟩+rapport⟨s⟩+(?:à|"
                r"au|aux)|contre⟨s⟩+\d|comparé\w*|hausse|baisse|progress\w*|recul\w*|doubl\w*|tripl\w*|augment\w*|"
                r"diminu\w*|bondi\w*|chut\w*|grimp\w*|dépass\w*|face⟨s⟩+à|plus⟨s⟩+(?:robuste|fort|forte|cher|"
                r"chère|grand|grande|rapide)s?",
            )
        ),
        "action": whole_words(
            rx(
                r"(?:a|ont|avait|avaient|sera|seront)⟨s⟩+(?:été⟨s⟩+)?(?:signé|racheté|acquis|lancé|annoncé|ouvert|"
                r"fermé|construit|investi|licencié|supprimé|embauché|créé|levé|obtenu|remporté|déposé|voté|"
                r"approuvé|condamné|payé|vendu|commandé|confirmé|choisi|installé|conclu|publié|produit|livré|"
                r"financé|attribué|accordé|validé|suspendu|abandonné)e?s?|signe|signent|rachète|acquiert|lance|"
                r"investit|supprime|embauche|crée|lève|obtient|remporte|vend|commande|produit|emploie|sécuris\w*|"
                r"implant\w*|inaugur\w*|déposé\w*|fermée?s?|annoncée?s?|réclam\w*|coûte\w*|atteint|accueille|"
                r"transport\w*|desservi\w*|consomm\w*|raccord\w*",
            )
        ),
        "institution": whole_words(
            rx(
                r"autorités?|gouvernement|ministère|ministre|commission|régulateur|tribunal|justice|préfecture|"
                r"conseil⟨s⟩+(?:régional|municipal|départemental|d⟨a⟩État|constitutionnel)|métropole|mairie|État|"
                r"Parlement|Sénat|Assemblée|Union⟨s⟩+européenne|antitrust|concurrence|"
                r"communauté⟨s⟩+de⟨s⟩+communes|région",
            )
        ),
        "vague": whole_words(
            rx(
                r"(?:des|plusieurs|quelques|de⟨s⟩+nombreux)⟨s⟩+(?:milliers|millions|milliards|centaines|dizaines|"
                r"gigawatts|mégawatts|térawattheures|emplois)",
            )
        ),
        "opinion": whole_words(
            rx(
                r"audacieu\w*|formidable\w*|magnifique\w*|remarquable\w*|inquiétant\w*|alarmant\w*|scandaleu\w*|"
                r"absurde\w*|regrettable\w*|hélas|heureusement|malheureusement|il⟨s⟩+faut|faut-il|il⟨s⟩+faudrait|"
                r"selon⟨s⟩+moi|à⟨s⟩+mon⟨s⟩+avis|je⟨s⟩+pense|je⟨s⟩+crois|nous⟨s⟩+pensons|il⟨s⟩+est⟨s⟩+temps|"
                r"ouvr\w*⟨s⟩+la⟨s⟩+voie|nouvelle⟨s⟩+ère|incarne\w*|symbolis\w*|tournant|y⟨s⟩+croire|mérite\w*|"
                r"dommage|honte|révolution\w*",
            )
        ),
        "boilerplate": whole_words(
            rx(
                r"n⟨a⟩(?:a|ont)⟨s⟩+pas⟨s⟩+(?:souhaité|voulu)⟨s⟩+(?:commenter|réagir|répondre)|n⟨a⟩(?:a|"
                r"ont)⟨s⟩+pas⟨s⟩+répondu|n⟨a⟩a⟨s⟩+pas⟨s⟩+donné⟨s⟩+suite|"
                r"s⟨a⟩est⟨s⟩+refusée?⟨s⟩+à⟨s⟩+tout⟨s⟩+commentaire|(?:a|ont)⟨s⟩+refusé⟨s⟩+de⟨s⟩+commenter|"
                r"n⟨a⟩a⟨s⟩+pas⟨s⟩+pu⟨s⟩+être⟨s⟩+joint",
            )
        ),
    },
    "en": {
        "superlative": whole_words(
            r"records?|largest|biggest|highest|lowest|smallest|fastest|slowest|strongest|weakest|richest|cheapest"
            r"|longest|greatest|best|worst|most|least|first|unprecedented|all-time|ever|leading"
        ),
        "comparison": whole_words(
            rx(
                r"compared|than|rose|risen|rises|rising|fell|fallen|falls|grew|grown|growth|doubled|tripled|"
                r"increase\w*|decrease\w*|jump\w*|surg\w*|plung\w*|declin\w*|exceed\w*|outpac\w*|overtak\w*|"
                r"versus|climb\w*|up⟨s⟩+\d+|down⟨s⟩+\d+",
            )
        ),
        "action": whole_words(
            rx(
                r"signed|acquired|bought|launched|announced|opened|closed|built|invested|laid⟨s⟩+off|hired|"
                r"created|raised|won|filed|approved|voted|fined|paid|sold|ordered|confirmed|secured|approached|"
                r"cancell?ed|agreed|awarded|completed|delivered|installed|took|taken|chose|weighed|shut|merged|"
                r"acquire|build|invest|hire|raise|employ\w*|install|contribute|supply|supplied|generate|"
                r"produce\w*|manufactur\w*|cut|lost|gained|reached|negotiat\w*|offered|keep|repay|train|operat\w*|"
                r"use",
            )
        ),
        "institution": whole_words(
            r"authorities|government|ministry|minister|commission|regulators?|court|council|agency|parliament"
            r"|congress|senate|lawmakers|legislature|county|state|federal|antitrust|department|operator"
        ),
        "vague": whole_words(
            rx(
                r"(?:thousands|millions|billions|hundreds|dozens|tens)⟨s⟩+of|several⟨s⟩+(?:thousand|million|"
                r"billion|hundred)",
            )
        ),
        "opinion": whole_words(
            rx(
                r"frankly|remarkable|stunning|shame|deserves?|should|ought⟨s⟩+to|I⟨s⟩+think|we⟨s⟩+believe|"
                r"in⟨s⟩+my⟨s⟩+view|it⟨a⟩?s⟨s⟩+time|it⟨s⟩+is⟨s⟩+time|arguably|unfortunately|fortunately|hopefully|"
                r"bold|gamble|new⟨s⟩+era|game-changer|convinced|believe⟨s⟩+it|pathetic|disgrace|welcome⟨s⟩+news",
            )
        ),
        "boilerplate": whole_words(
            rx(
                r"declined⟨s⟩+to⟨s⟩+(?:comment|confirm)|did⟨s⟩+not⟨s⟩+(?:immediately⟨s⟩+)?(?:respond|reply|"
                r"return)|could⟨s⟩+not⟨s⟩+be⟨s⟩+reached|no⟨s⟩+comment|would⟨s⟩+not⟨s⟩+(?:confirm|comment)|"
                r"not⟨s⟩+immediately⟨s⟩+available",
            )
        ),
    },
}
