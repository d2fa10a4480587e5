from django.urls import path  # noqa: F401  (the sections below add their paths)

from casework.views import avg, case_file, cases

app_name = "casework"

urlpatterns: list = [
    # At a location: the case list, registering, anonymous tallies, the urgent-situations
    # agreement (casework/views/cases.py).
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
    # One resident's file: the case page, consents, trajectories, contacts
    # (casework/views/case_file.py).
    path("bewoners/<int:pk>/", case_file.ResidentDetailView.as_view(), name="resident_detail"),
    path(
        "bewoners/<int:pk>/toestemming/nieuw/",
        case_file.ConsentCreateView.as_view(),
        name="consent_create",
    ),
    path(
        "bewoners/<int:pk>/toestemming/bewijs/",
        case_file.ConsentReceiptView.as_view(),
        name="consent_receipt",
    ),
    path(
        "bewoners/<int:pk>/toestemming/<int:consent_pk>/intrekken/",
        case_file.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(
        "bewoners/<int:pk>/trajecten/nieuw/",
        case_file.TrajectoryCreateView.as_view(),
        name="trajectory_create",
    ),
    path(
        "bewoners/<int:pk>/trajecten/<int:trajectory_pk>/",
        case_file.TrajectoryEditView.as_view(),
        name="trajectory_edit",
    ),
    path(
        "bewoners/<int:pk>/trajecten/<int:trajectory_pk>/contact/",
        case_file.ContactCreateView.as_view(),
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
