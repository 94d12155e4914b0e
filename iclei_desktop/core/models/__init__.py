"""The ORM classes, one module per aggregate; importing this package registers them all."""

from .base import Base
from .event import Event, EventLocalGovernment, EventOrganization
from .exchange import MergeBase, PublicationFile
from .figure import Figure
from .local_government import LocalGovernment
from .organization import Organization
from .pathway import Pathway
from .person import GovernanceSeat, Person
from .program import Program, ProgramLocalGovernment, ProgramOrganization, ProgramPathway
from .publication import Publication, PublicationEvent, PublicationOrganization, PublicationProgram

__all__ = [
    "Base",
    "Event",
    "EventLocalGovernment",
    "EventOrganization",
    "Figure",
    "GovernanceSeat",
    "LocalGovernment",
    "MergeBase",
    "Organization",
    "Pathway",
    "Person",
    "Program",
    "ProgramLocalGovernment",
    "ProgramOrganization",
    "ProgramPathway",
    "Publication",
    "PublicationEvent",
    "PublicationFile",
    "PublicationOrganization",
    "PublicationProgram",
]
