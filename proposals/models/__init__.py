"""Reference data: instruments, their articles and obligations, jurisdictions, the paper's proposals."""

# The statute's own graph and history live beside the articles they describe.
from proposals.annexes import Annex  # noqa: F401
from proposals.edition import ReferenceEdition  # noqa: F401
from proposals.history import Amendment, ArticleChange, CrossReference  # noqa: F401
from proposals.models.articles import Article, ArticleQuerySet, Paragraph  # noqa: F401
from proposals.models.instruments import (  # noqa: F401
    Confidence,
    Instrument,
    InstrumentQuerySet,
    Jurisdiction,
    Level,
)
from proposals.models.obligations import (  # noqa: F401
    Assessment,
    Obligation,
    ObligationQuerySet,
)
from proposals.models.proposals import Proposal, ProposalQuerySet, ProposalTarget  # noqa: F401
