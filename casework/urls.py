from django.urls import path  # noqa: F401  (the sections below add their paths)

from casework.views import avg, cases

app_name = "casework"

urlpatterns: list = [
    # Cases: list, register, the case page, consents, trajectories, contacts, tallies,
    # the urgent-situations agreement (casework/views/cases.py and friends).
    path("bewoners/", cases.CaseListView.as_view(), name="case_list"),
    path(
        "locaties/<int:location_pk>/bewoners/nieuw/",
        cases.ResidentCreateView.as_view(),
        name="resident_create",
    ),
    path(
        "locaties/<int:location_pk>/anoniem-contact/",
        cases.TallyCreateView.as_view(),
        name="tally_create",
    ),
    path(
        "locaties/<int:location_pk>/urgente-situaties/",
        cases.UrgentAgreementEditView.as_view(),
        name="urgent_agreement_edit",
    ),
    path("bewoners/<int:pk>/", cases.ResidentDetailView.as_view(), name="resident_detail"),
    path(
        "bewoners/<int:pk>/toestemming/nieuw/",
        cases.ConsentCreateView.as_view(),
        name="consent_create",
    ),
    path(
        "bewoners/<int:pk>/toestemming/bewijs/",
        cases.ConsentReceiptView.as_view(),
        name="consent_receipt",
    ),
    path(
        "bewoners/<int:pk>/toestemming/<int:consent_pk>/intrekken/",
        cases.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(
        "bewoners/<int:pk>/trajecten/nieuw/",
        cases.TrajectoryCreateView.as_view(),
        name="trajectory_create",
    ),
    path(
        "bewoners/<int:pk>/trajecten/<int:trajectory_pk>/",
        cases.TrajectoryEditView.as_view(),
        name="trajectory_edit",
    ),
    path(
        "bewoners/<int:pk>/trajecten/<int:trajectory_pk>/contact/",
        cases.ContactCreateView.as_view(),
        name="contact_create",
    ),
    # AVG duties: export, access report, erasure, break-glass, audit trail (casework/views/avg.py).
    path("bewoners/<int:pk>/export/", avg.ResidentExportView.as_view(), name="resident_export"),
    path(
        "bewoners/<int:pk>/export.pdf",
        avg.ResidentExportPdfView.as_view(),
        name="resident_export_pdf",
    ),
    path("bewoners/<int:pk>/inzage/", avg.AccessReportView.as_view(), name="access_report"),
    path("bewoners/<int:pk>/wissen/", avg.ResidentEraseView.as_view(), name="resident_erase"),
    path("bewoners/<int:pk>/noodtoegang/", avg.BreakGlassView.as_view(), name="break_glass"),
    path(
        "locaties/<int:location_pk>/audittrail/",
        avg.AuditTrailView.as_view(),
        name="audit_trail",
    ),
]
