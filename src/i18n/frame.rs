//! The lab frame's words ([`crate::frame`]): panel tabs, projector mode, the colour
//! scheme toggle, the shortcut sheet and the scroll cue, plus the tab names of the
//! election lab's detail panels.

/// One row of the shortcut sheet: the key(s) and what they do.
pub type ShortcutRow = (&'static str, &'static str);

/// Rows of the shortcut sheet.
pub const SHORTCUT_ROWS: usize = 9;

/// The frame's strings of one language.
#[derive(Debug)]
pub struct FrameTexts {
    /// Accessible name of the tab list.
    pub panels_label: &'static str,
    /// Button: keep the shown panel open beside the next one.
    pub pin: &'static str,
    /// Tooltip of the pin button.
    pub pin_title: &'static str,
    /// Button: close the pinned panel.
    pub unpin: &'static str,
    /// Toggle: projector mode.
    pub projector: &'static str,
    /// Tooltip of the projector toggle.
    pub projector_title: &'static str,
    /// Toggle (in light scheme): switch to dark.
    pub to_dark: &'static str,
    /// Toggle (in dark scheme): switch to light.
    pub to_light: &'static str,
    /// Tooltip of the scheme toggle.
    pub scheme_title: &'static str,
    /// Button that opens the shortcut sheet.
    pub shortcuts: &'static str,
    /// Heading of the shortcut sheet.
    pub shortcuts_title: &'static str,
    /// The sheet's rows.
    pub shortcut_rows: [ShortcutRow; SHORTCUT_ROWS],
    /// Close button.
    pub close: &'static str,
    /// Cue under a box that scrolls sideways.
    pub scroll_cue: &'static str,
    /// Scenario line: show the whole card.
    pub scenario_more: &'static str,
    /// Scenario card: fold it to one line.
    pub scenario_less: &'static str,
    /// The election lab's tabs.
    pub tabs: LabTabs,
}

/// Tab names of the election lab's detail panels.
#[derive(Debug)]
pub struct LabTabs {
    /// Ballot box.
    pub ballot: &'static str,
    /// ZAB replication.
    pub zab: &'static str,
    /// Data tree and console.
    pub data: &'static str,
    /// Event log.
    pub log: &'static str,
    /// Sequence diagram.
    pub seq: &'static str,
    /// Safety checks.
    pub safety: &'static str,
    /// Clients, network and set-up.
    pub setup: &'static str,
    /// Share and export.
    pub share: &'static str,
}

impl FrameTexts {
    /// Every string (for the glossary and completeness tests).
    pub fn all_strings(&self) -> Vec<&'static str> {
        let t = &self.tabs;
        let mut v = vec![
            self.panels_label,
            self.pin,
            self.pin_title,
            self.unpin,
            self.projector,
            self.projector_title,
            self.to_dark,
            self.to_light,
            self.scheme_title,
            self.shortcuts,
            self.shortcuts_title,
            self.close,
            self.scroll_cue,
            self.scenario_more,
            self.scenario_less,
            t.ballot,
            t.zab,
            t.data,
            t.log,
            t.seq,
            t.safety,
            t.setup,
            t.share,
        ];
        for (k, d) in self.shortcut_rows {
            v.push(k);
            v.push(d);
        }
        v
    }
}

/// zh-CN.
pub static FRAME_ZH: FrameTexts = FrameTexts {
    panels_label: "详情面板",
    pin: "固定",
    pin_title: "把这个面板固定在旁边，再打开另一个（宽屏）",
    unpin: "取消固定",
    projector: "投影模式",
    projector_title: "大字号、高对比度，屏幕上显示快捷键（P）",
    to_dark: "深色",
    to_light: "浅色",
    scheme_title: "切换深色 / 浅色配色（D）",
    shortcuts: "快捷键",
    shortcuts_title: "键盘快捷键",
    shortcut_rows: [
        ("空格", "播放 / 暂停"),
        ("→", "只处理一个事件"),
        ("N", "运行到下一次状态变化"),
        ("1–9", "打开对应编号的面板"),
        (
            "Tab / Shift+Tab",
            "在服务器、客户端、在途消息和按钮之间移动",
        ),
        ("Enter", "选中聚焦的服务器、客户端或消息"),
        ("P", "投影模式"),
        ("D", "深色 / 浅色"),
        ("? / Esc", "打开 / 关闭本表"),
    ],
    close: "关闭",
    scroll_cue: "可左右滚动 ⇆",
    scenario_more: "展开",
    scenario_less: "收起",
    tabs: LabTabs {
        ballot: "投票箱",
        zab: "ZAB",
        data: "数据与控制台",
        log: "事件日志",
        seq: "时序图",
        safety: "不变式",
        setup: "网络与设置",
        share: "分享",
    },
};

/// English.
pub static FRAME_EN: FrameTexts = FrameTexts {
    panels_label: "Detail panels",
    pin: "Pin",
    pin_title: "Keep this panel open beside the next one you choose (wide screens)",
    unpin: "Unpin",
    projector: "Projector",
    projector_title: "Large type, high contrast, shortcuts on screen (P)",
    to_dark: "Dark",
    to_light: "Light",
    scheme_title: "Switch between dark and light colours (D)",
    shortcuts: "Shortcuts",
    shortcuts_title: "Keyboard shortcuts",
    shortcut_rows: [
        ("Space", "Play / pause"),
        ("→", "Process one event"),
        ("N", "Run to the next state change"),
        ("1–9", "Open the panel with that number"),
        (
            "Tab / Shift+Tab",
            "Move between servers, clients, messages in flight and buttons",
        ),
        ("Enter", "Select the focused server, client or message"),
        ("P", "Projector mode"),
        ("D", "Dark / light"),
        ("? / Esc", "Open / close this sheet"),
    ],
    close: "Close",
    scroll_cue: "Scrolls sideways ⇆",
    scenario_more: "More",
    scenario_less: "Less",
    tabs: LabTabs {
        ballot: "Ballot box",
        zab: "ZAB",
        data: "Data & console",
        log: "Event log",
        seq: "Sequence",
        safety: "Safety",
        setup: "Network & set-up",
        share: "Share",
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_string_is_empty() {
        for t in [&FRAME_ZH, &FRAME_EN] {
            assert!(t.all_strings().iter().all(|s| !s.trim().is_empty()));
        }
    }
}
