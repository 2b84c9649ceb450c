//! A realistic demo board for a new installation: challenges the working group really
//! meets, in every stage, with solutions, companies and adoptions that satisfy each gate.
//! Cards reach their stage through the same gated moves people make, and every change
//! passes the same after-change step (logged, indexed, announced).

use sea_orm::DatabaseConnection;

use super::changes::Write;
use super::{cards, companies};
use crate::contract::AppError;
use crate::domain::{AdoptionStatus, CardTitle, CompanyName, Description, SolutionKind, TagName};
use crate::store::adoptions::NewAdoption;
use crate::store::cards::NewCard;
use crate::store::companies::NewCompany;
use crate::store::solutions::NewSolution;

/// What `seed` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The demo board was written with this many cards.
    Seeded { cards: u32 },
    /// The database already had cards; nothing was written.
    Skipped { existing_cards: u64 },
}

struct DemoCompany {
    name: &'static str,
    public: bool,
    descriptor: &'static str,
}

const COMPANIES: &[DemoCompany] = &[
    DemoCompany {
        name: "Northwind Bank",
        public: false,
        descriptor: "a large financial services company",
    },
    DemoCompany {
        name: "Globex Telecom",
        public: true,
        descriptor: "a European telecommunications company",
    },
    DemoCompany {
        name: "Initech Software",
        public: true,
        descriptor: "a software vendor",
    },
    DemoCompany {
        name: "Umbrella Health",
        public: false,
        descriptor: "a healthcare provider",
    },
    DemoCompany {
        name: "Contoso Retail",
        public: true,
        descriptor: "a retail group",
    },
    DemoCompany {
        name: "Fabrikam Motors",
        public: true,
        descriptor: "an automotive manufacturer",
    },
];

struct DemoSolution {
    title: &'static str,
    kind: SolutionKind,
    summary: &'static str,
    url: Option<&'static str>,
    landed_in: Option<&'static str>,
    /// Index into `COMPANIES` and the adoption status.
    adopters: &'static [(usize, AdoptionStatus)],
}

struct DemoCard {
    title: &'static str,
    description: &'static str,
    tags: &'static [&'static str],
    stage: &'static str,
    solutions: &'static [DemoSolution],
}

use AdoptionStatus::{InUse, Pilot};
use SolutionKind::{Article, Pattern, Talk, Template, Tool, Training, Video};

const CARDS: &[DemoCard] = &[
    DemoCard {
        title: "How do we measure the return on investment of our InnerSource program?",
        description: "Finance asks for a number every budget round. Which costs and benefits can an ISPO credibly measure, and how?",
        tags: &["metrics", "funding", "senior-leaders"],
        stage: "challenge",
        solutions: &[],
    },
    DemoCard {
        title: "How do we get middle managers to let engineers contribute to other teams?",
        description: "Engineers want to contribute, but their managers see time spent on another team's code as lost to their own roadmap.",
        tags: &["culture", "managers"],
        stage: "challenge",
        solutions: &[],
    },
    DemoCard {
        title: "How do we fund shared components across cost centres?",
        description: "The team that owns a shared library pays for it while everyone else benefits. How do other companies split the cost?",
        tags: &["funding", "managers"],
        stage: "challenge",
        solutions: &[],
    },
    DemoCard {
        title: "How do I present InnerSource KPIs?",
        description: "We collect contribution metrics but leadership glazes over. Which few indicators tell the story, and how do we show them?",
        tags: &["metrics", "senior-leaders"],
        stage: "proposed",
        solutions: &[DemoSolution {
            title: "InnerSource KPI one-page dashboard",
            kind: Template,
            summary: "A one-page template with five indicators (cross-team contributions, time to first response, reuse count, contributors per repository, trusted committers) and how to read them.",
            url: None,
            landed_in: None,
            adopters: &[],
        }],
    },
    DemoCard {
        title: "How do we onboard new trusted committers?",
        description: "People are named trusted committers and then left alone. What should their first weeks look like?",
        tags: &["onboarding", "engineers"],
        stage: "proposed",
        solutions: &[DemoSolution {
            title: "Trusted committer onboarding workshop",
            kind: Training,
            summary: "A half-day workshop: the role, mentoring contributors, reviewing for learning, and writing down decisions.",
            url: None,
            landed_in: Some("Learning Path working group"),
            adopters: &[],
        }],
    },
    DemoCard {
        title: "How do we make internal repositories discoverable?",
        description: "Teams rebuild what exists because they cannot find it. How do we surface InnerSource projects across the company?",
        tags: &["tooling", "engineers"],
        stage: "proposed",
        solutions: &[DemoSolution {
            title: "InnerSource portal",
            kind: Tool,
            summary: "A searchable catalogue of InnerSource projects built from repository metadata files.",
            url: None,
            landed_in: None,
            adopters: &[],
        }],
    },
    DemoCard {
        title: "How do we write a CONTRIBUTING.md that guest contributors actually read?",
        description: "Our contribution guides are long and out of date. What belongs in one, and what does not?",
        tags: &["documentation", "engineers"],
        stage: "internal",
        solutions: &[DemoSolution {
            title: "CONTRIBUTING.md starter template",
            kind: Template,
            summary: "A short template covering how to ask, how to propose, review expectations and the team's response times.",
            url: None,
            landed_in: None,
            adopters: &[(2, InUse)],
        }],
    },
    DemoCard {
        title: "How do we recognise contributions from other teams?",
        description: "Performance reviews only see work for one's own team. How do we make cross-team contributions count?",
        tags: &["culture", "managers"],
        stage: "internal",
        solutions: &[DemoSolution {
            title: "Contributor recognition in performance reviews",
            kind: Pattern,
            summary: "Make guest contributions visible to the contributor's manager, with a lightweight thank-you from the host team.",
            url: None,
            landed_in: None,
            adopters: &[(0, Pilot)],
        }],
    },
    DemoCard {
        title: "How do we run InnerSource office hours?",
        description: "A regular open slot where anyone can bring questions about contributing or opening up their project.",
        tags: &["culture", "ispo-staff"],
        stage: "internal",
        solutions: &[DemoSolution {
            title: "Office hours playbook",
            kind: Talk,
            summary: "How to schedule, announce and run office hours, and what to do with the questions that come up.",
            url: None,
            landed_in: None,
            adopters: &[(1, Pilot)],
        }],
    },
    DemoCard {
        title: "How do I sell InnerSource to senior leadership?",
        description: "Executives hear 'open source inside' and think of risk and lost control. What story and evidence convince them?",
        tags: &["senior-leaders", "leadership"],
        stage: "external",
        solutions: &[DemoSolution {
            title: "Selling InnerSource to executives",
            kind: Article,
            summary: "A pitch built on outcomes leaders already care about: reuse, speed, quality and retention, with sources.",
            url: Some("https://innersourcecommons.org/learn/"),
            landed_in: Some("Learning Path working group"),
            adopters: &[(4, InUse)],
        }],
    },
    DemoCard {
        title: "How do we explain InnerSource to new engineers?",
        description: "New hires have never worked this way. What short introduction gets them started?",
        tags: &["onboarding", "engineers"],
        stage: "external",
        solutions: &[DemoSolution {
            title: "Introduction to InnerSource video",
            kind: Video,
            summary: "A ten-minute video explaining InnerSource principles with everyday examples.",
            url: Some("https://innersourcecommons.org/learn/learning-path/"),
            landed_in: Some("Learning Path working group"),
            adopters: &[(5, InUse)],
        }],
    },
    DemoCard {
        title: "How do we keep host teams willing to accept contributions?",
        description: "Host teams fear they will have to maintain code they did not write.",
        tags: &["culture", "engineers"],
        stage: "external",
        solutions: &[DemoSolution {
            title: "30-day warranty",
            kind: Pattern,
            summary: "The contributing team fixes bugs in its contribution for 30 days after merge, so host teams accept contributions with confidence.",
            url: Some("https://patterns.innersourcecommons.org/p/30-day-warranty"),
            landed_in: Some("Patterns working group"),
            adopters: &[(3, Pilot)],
        }],
    },
    DemoCard {
        title: "How do we start an ISPO from scratch?",
        description: "Someone has been asked to 'do InnerSource'. What are the first ninety days of a new program office?",
        tags: &["ispo-staff", "leadership"],
        stage: "validated",
        solutions: &[DemoSolution {
            title: "ISPO starter kit",
            kind: Article,
            summary: "Charter, first pilot selection, stakeholder map and a 90-day plan, from offices that have done it.",
            url: Some("https://innersourcecommons.org/community/"),
            landed_in: Some("ISPO working group"),
            adopters: &[(0, InUse), (2, InUse), (4, Pilot)],
        }],
    },
    DemoCard {
        title: "How do we assess the InnerSource maturity of a project?",
        description: "Teams ask what 'good' looks like. A shared checklist makes progress visible.",
        tags: &["metrics", "ispo-staff"],
        stage: "validated",
        solutions: &[DemoSolution {
            title: "Maturity model checklist",
            kind: Tool,
            summary: "A self-assessment across transparency, collaboration, community and governance, with suggested next steps per level.",
            url: Some("https://patterns.innersourcecommons.org/p/maturity-model"),
            landed_in: Some("Patterns working group"),
            adopters: &[(1, InUse), (5, Pilot)],
        }],
    },
    DemoCard {
        title: "How do we get legal and security sign-off for sharing code internally?",
        description: "Subsidiaries and regulated units need a written basis before code crosses their boundaries.",
        tags: &["legal", "senior-leaders"],
        stage: "validated",
        solutions: &[DemoSolution {
            title: "Inter-company code sharing agreement template",
            kind: Template,
            summary: "A template agreement and a security review checklist accepted by legal teams in several groups.",
            url: Some("https://innersourcecommons.org/resources/"),
            landed_in: Some("ISPO working group"),
            adopters: &[(0, InUse), (3, InUse)],
        }],
    },
];

const ACTOR: &str = "Demo data";

/// Fills an empty database with the demo board; leaves a database with cards untouched.
pub async fn seed(db: &DatabaseConnection) -> Result<SeedOutcome, AppError> {
    super::startup::ensure_workflow(db).await?;
    let existing_cards = crate::store::cards::count_all(db).await?;
    if existing_cards > 0 {
        return Ok(SeedOutcome::Skipped { existing_cards });
    }
    let w = Write::begin(db, Some(ACTOR)).await?;
    let mut company_ids = Vec::with_capacity(COMPANIES.len());
    for company in COMPANIES {
        let new = NewCompany {
            name: CompanyName::parse(company.name)?,
            public: company.public,
            descriptor: company.descriptor.to_owned(),
        };
        company_ids.push(companies::create_in(&w, &new).await?);
    }
    for demo in CARDS {
        let new = NewCard {
            title: CardTitle::parse(demo.title)?,
            description: Description::parse(demo.description)?,
            tags: demo
                .tags
                .iter()
                .map(|t| TagName::parse(t))
                .collect::<Result<_, _>>()?,
        };
        let card_id = cards::create_card_in(&w, &new).await?;
        for solution in demo.solutions {
            let new = NewSolution {
                title: CardTitle::parse(solution.title)?,
                kind: solution.kind,
                summary: Description::parse(solution.summary)?,
                url: solution.url.map(str::to_owned),
                landed_in: solution.landed_in.map(str::to_owned),
            };
            let solution_id = cards::add_solution_in(&w, card_id, &new).await?;
            for (company, status) in solution.adopters {
                let company_id = *company_ids
                    .get(*company)
                    .ok_or_else(|| AppError::NotFound("demo company".into()))?;
                let adoption = NewAdoption {
                    company_id: company_id.uuid(),
                    status: *status,
                    since: None,
                    evidence_url: None,
                    notes: String::new(),
                };
                companies::add_adoption_in(&w, solution_id, &adoption).await?;
            }
        }
        // Walk the card forward one stage at a time, through the same gates as anyone.
        let stages = w.workflow.workflow.stages().to_vec();
        let target = w
            .workflow
            .workflow
            .position(demo.stage)
            .ok_or_else(|| AppError::NotFound(format!("stage {}", demo.stage)))?;
        let mut version = 1;
        for stage in stages.iter().skip(1).take(target) {
            version = cards::move_card_in(&w, card_id, stage.key.as_str(), version, "").await?;
        }
    }
    w.commit().await?;
    Ok(SeedOutcome::Seeded {
        cards: u32::try_from(CARDS.len()).unwrap_or(u32::MAX),
    })
}
