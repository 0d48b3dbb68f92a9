"""The end-of-term survey: the coordinator switches it on per term, members answer it.

Switching on: the program funnel (coordinators only). Answering: the survey funnel (members
of the program's groups; the coordinator 403, everyone else 404). Answers are stored
without the member; results are only on the outcome report, after the survey closes.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.programs.access import get_program_for_user, get_survey_for_member
from peercircle.programs.actions.survey import ALREADY, survey_answer, survey_set
from peercircle.programs.forms import SurveyAnswerForm, SurveySetupForm
from peercircle.programs.models import SurveyResponded
from peercircle.programs.survey.items import SCALE, chosen

NOTHING = _("Answer at least one question, or simply leave this page: nothing is saved.")


@require_POST
def program_survey_set(request: AuthedRequest, pk: int, term_pk: int) -> HttpResponse:
    access = get_program_for_user(request.user, pk)
    term = access.program.terms.filter(pk=term_pk).first()
    if term is None:
        raise Http404("No such term")
    form = SurveySetupForm(request.POST)
    back = reverse("program_report", args=[pk]) + f"?term={term.pk}"
    if form.is_valid():
        try:
            survey_set(access=access, term=term, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, gettext("The survey of “%(term)s” is on.") % {"term": term.name}
            )
            return redirect(back)
    context = {"program": access.program, "term": term, "form": form, "back": back}
    return render(request, "programs/survey_setup.html", context, status=422)


@require_http_methods(["GET", "POST"])
def survey_page(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_survey_for_member(request.user, pk)
    survey = access.survey
    now = timezone.now()
    answered = SurveyResponded.objects.filter(survey=survey, user=access.user).exists()
    is_open = now < survey.closes_at
    data = request.POST if request.method == "POST" else None
    form = SurveyAnswerForm(data, constructs=survey.constructs)
    status = 200
    if request.method == "POST" and is_open and not answered:
        if form.is_valid() and not form.answers():
            form.add_error(None, NOTHING)
            status = 422
        elif form.is_valid():
            try:
                stored = survey_answer(access=access, answers=form.answers(), now=now)
            except ValidationError as error:
                form.add_error(None, error)
                status = 422
            else:
                messages.success(
                    request,
                    ngettext(
                        "Thank you: %(count)d answer saved, anonymously.",
                        "Thank you: %(count)d answers saved, anonymously.",
                        stored,
                    )
                    % {"count": stored},
                )
                return redirect("survey_page", pk=survey.pk)
        else:
            status = 422
    elif request.method == "POST":
        status = 409
    sections = [
        (gettext(construct.label), [form[item.key] for item in construct.items])
        for construct in chosen(survey.constructs)
    ]
    context = {
        "survey": survey,
        "term": survey.term,
        "program": survey.term.program,
        "form": form,
        "sections": sections,
        "scale": SCALE,
        "answered": answered,
        "is_open": is_open,
        "already": ALREADY,
        "survey_floor": settings.REPORT_FLOOR,
    }
    return render(request, "programs/survey_page.html", context, status=status)
