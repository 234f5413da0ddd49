"""Ship the standard saved replies in bokmål, nynorsk and English.

The texts are copied here, not imported, so that later edits of ``desk.texts`` do not
change what this migration did. Re-running updates nothing a person changed: existing
rows with the same code and language are left alone.
"""

from django.db import migrations

REPLIES = [
    ("case-request", "case_redirect", 10, {
        "nb": ("Enkeltsaker: kontakt oss direkte",
               "Vi kan dessverre ikke behandle enkeltsaker her. Ta kontakt med oss på "
               "{secure_contact}, så hjelper vi deg videre."),
        "nn": ("Enkeltsaker: kontakt oss direkte",
               "Vi kan dessverre ikkje handsame enkeltsaker her. Ta kontakt med oss på "
               "{secure_contact}, så hjelper vi deg vidare."),
        "en": ("Individual cases: contact us directly",
               "Unfortunately we cannot handle individual cases here. Please contact us at "
               "{secure_contact} and we will help you further."),
    }),
    ("personal-data", "personal_data", 20, {
        "nb": ("Ikke del personopplysninger her",
               "Av hensyn til personvernet ditt ber vi deg om ikke å dele personopplysninger "
               "som fødselsnummer, helseopplysninger eller detaljer om saken din her. Bruk "
               "heller vår sikre kanal: {secure_contact}"),
        "nn": ("Ikkje del personopplysningar her",
               "Av omsyn til personvernet ditt ber vi deg om ikkje å dele personopplysningar "
               "som fødselsnummer, helseopplysningar eller detaljar om saka di her. Bruk "
               "heller den sikre kanalen vår: {secure_contact}"),
        "en": ("Please do not post personal data here",
               "To protect your privacy, please do not share personal data such as your "
               "national identity number, health details or details of your case here. "
               "Please use our secure channel instead: {secure_contact}"),
    }),
    ("thanks", "acknowledge", 30, {
        "nb": ("Takk, vi svarer innen svarfristen",
               "Takk for at du tok kontakt! Vi svarer deg innen {response_time}."),
        "nn": ("Takk, vi svarar innan svarfristen",
               "Takk for at du tok kontakt! Vi svarar deg innan {response_time}."),
        "en": ("Thanks, we will answer within our response time",
               "Thank you for getting in touch! We will answer you within {response_time}."),
    }),
    ("delayed", "delayed", 90, {
        "nb": ("Automatisk: svaret er forsinket",
               "Takk for at du venter! Vi har ikke fått svart deg ennå, men du får svar "
               "fra oss så snart vi kan."),
        "nn": ("Automatisk: svaret er forseinka",
               "Takk for at du ventar! Vi har ikkje fått svart deg enno, men du får svar "
               "frå oss så snart vi kan."),
        "en": ("Automatic: the answer is late",
               "Thank you for waiting! We have not been able to answer you yet, but we "
               "will get back to you as soon as we can."),
    }),
]


def install(apps, schema_editor):
    SavedReply = apps.get_model("desk", "SavedReply")
    for code, purpose, order, languages in REPLIES:
        for language, (title, text) in languages.items():
            if SavedReply.objects.filter(
                organisation__isnull=True, code=code, language=language
            ).exists():
                continue
            SavedReply.objects.create(
                organisation=None,
                code=code,
                language=language,
                purpose=purpose,
                order=order,
                title=title,
                text=text,
            )


def remove(apps, schema_editor):
    SavedReply = apps.get_model("desk", "SavedReply")
    SavedReply.objects.filter(
        organisation__isnull=True, code__in=[r[0] for r in REPLIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
