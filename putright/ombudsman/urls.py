"""Ombudsman casework, the case file bundle and putting things right, under /staff/ombudsman/."""

from __future__ import annotations

from django.urls import URLPattern, path

from putright.ombudsman import views

app_name = "ombudsman"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
    path("cases/<int:pk>/contacts/new/", views.contact_new, name="contact_new"),
    path("cases/<int:pk>/determinations/new/", views.determination_new, name="determination_new"),
    path("contacts/<int:pk>/", views.contact, name="contact"),
    path("replies/<int:pk>/file/", views.reply_file, name="reply_file"),
    path("determinations/<int:pk>/orders/new/", views.order_new, name="order_new"),
    path("orders/", views.open_orders, name="orders"),
    path("orders/<int:pk>/", views.order, name="order"),
    path("orders/<int:pk>/evidence/", views.order_evidence, name="order_evidence"),
    path("failure-orders/", views.failure_orders, name="failure_orders"),
    path("failure-orders/new/", views.failure_order_new, name="failure_order_new"),
    path("failure-orders/<int:pk>/", views.failure_order_actions, name="failure_order_actions"),
    path("complaints/<str:reference>/bundle/", views.bundle, name="bundle"),
    path("exceptional-circumstances/", views.notices, name="notices"),
    path(
        "exceptional-circumstances/<int:pk>/withdraw/",
        views.notice_withdraw,
        name="notice_withdraw",
    ),
    path(
        "exceptional-circumstances/<int:pk>/send-again/",
        views.notice_send_again,
        name="notice_send_again",
    ),
    path("remedies/", views.remedies, name="remedies"),
    path("remedies/<int:pk>/", views.remedy, name="remedy"),
    path("remedy-guidance/", views.remedy_guidance, name="remedy_guidance"),
]
