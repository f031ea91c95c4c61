"""Grounds relating to a person's particular situation, offered on the form and in the API.

Each ground has a short label (form) and the sentence the objection letter uses. Both are
gettext message ids: marked here with `N_`, translated where they are shown.
"""

from __future__ import annotations

from .messages import N_

GROUNDS: dict[str, tuple[str, str]] = {
    "not_expected": (
        N_("I did not expect my posts and profile to train AI models"),
        N_("I shared my posts and profile to network and communicate with people, not to "
           "train AI models. I could not reasonably expect this use when I provided the "
           "data, and I have not agreed to it."),
    ),
    "own_work": (
        N_("My posts contain my own creative or professional work"),
        N_("My content includes my own creative and professional work. A model trained on "
           "it can reproduce, imitate or compete with that work, and I have no control "
           "over what the model generates from it."),
    ),
    "third_parties": (
        N_("My content is about other people too"),
        N_("My content includes information about other people, such as colleagues, "
           "clients, friends and family, who have not agreed to its use for training AI "
           "models and who may not even use the platform."),
    ),
    "sensitive": (
        N_("My data reveals, or lets others infer, sensitive things about me"),
        N_("My data reveals, or allows inferences about, sensitive aspects of my life, such "
           "as my health, beliefs, political opinions or relationships. Training a model on "
           "it exposes me to disclosures and inferences I cannot foresee or correct."),
    ),
    "irreversible": (
        N_("Once used, my data cannot be taken back out of a model"),
        N_("Once my data has been used to train a model it cannot reliably be removed from "
           "it. The harm to me would be lasting, which weighs heavily against the "
           "platform's interest in this processing."),
    ),
    "professional_risk": (
        N_("Outputs based on my data could harm my reputation or career"),
        N_("Outputs generated from my data may attribute to me statements, skills or "
           "positions that are not mine, or reveal my professional history out of "
           "context, with consequences for my reputation and career."),
    ),
}
