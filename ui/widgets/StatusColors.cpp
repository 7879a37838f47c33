// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/StatusColors.h"

#include <cmath>

namespace cimdiag {

namespace {
// Hues in degrees: red, amber, green. Saturation stays high; lightness is chosen per palette.
constexpr int kRedHue = 0;
constexpr int kAmberHue = 38;
constexpr int kGreenHue = 130;

QColor tone(int hue, const QPalette &palette, int lightLightness, int darkLightness)
{
    return QColor::fromHsl(hue, 200, StatusColors::isDark(palette) ? darkLightness : lightLightness);
}

// WCAG 2.x relative luminance and contrast ratio (4.5: level AA for normal text).
double relativeLuminance(const QColor &color)
{
    const auto channel = [](float value) {
        const double v = value;
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

constexpr double kMinTextContrast = 4.5;

// A text colour of the hue that reads on both the window and the base (text appears on either):
// the preferred tone, moved toward the palette's text lightness until the contrast is enough. A
// dark palette's window is lighter than its base, so a fixed lightness was not enough there (light
// red on #353535 came to 3.9, TestWizardPresentation).
QColor readableText(int hue, const QPalette &palette, int lightLightness, int darkLightness)
{
    const QColor window = palette.color(QPalette::Window);
    const QColor base = palette.color(QPalette::Base);
    const int step = StatusColors::isDark(palette) ? 5 : -5;
    for (int lightness = StatusColors::isDark(palette) ? darkLightness : lightLightness;
         lightness >= 0 && lightness <= 255; lightness += step) {
        const QColor candidate = QColor::fromHsl(hue, 200, lightness);
        if (StatusColors::contrastRatio(candidate, window) >= kMinTextContrast
            && StatusColors::contrastRatio(candidate, base) >= kMinTextContrast)
            return candidate;
    }
    return palette.color(QPalette::WindowText);
}
} // namespace

double StatusColors::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

bool StatusColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor StatusColors::fill(CheckStatus status, const QPalette &palette)
{
    switch (status) {
    case CheckStatus::Passed:
        return tone(kGreenHue, palette, 110, 120);
    case CheckStatus::Warning:
        return tone(kAmberHue, palette, 130, 140);
    case CheckStatus::Failed:
        return tone(kRedHue, palette, 115, 125);
    case CheckStatus::Running:
        return palette.color(QPalette::Highlight);
    case CheckStatus::Skipped:
        return palette.color(QPalette::Mid);
    case CheckStatus::Pending:
        break;
    }
    return Qt::transparent;
}

QColor StatusColors::textOn(const QColor &background)
{
    // Whichever has the higher WCAG contrast. A threshold on gamma-encoded values chose white on
    // Fusion's highlight blue (3.7:1) where black reads at 5.7:1.
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    return contrastRatio(black, background) >= contrastRatio(white, background) ? black : white;
}

QColor StatusColors::errorText(const QPalette &palette)
{
    // Text needs more contrast than a fill: dark red on light windows, light red on dark ones.
    return readableText(kRedHue, palette, 95, 170);
}

QColor StatusColors::warningText(const QPalette &palette)
{
    return readableText(kAmberHue, palette, 80, 160);
}

QColor StatusColors::successText(const QPalette &palette)
{
    return readableText(kGreenHue, palette, 70, 160);
}

} // namespace cimdiag
